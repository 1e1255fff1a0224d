shared::lambda_http_main!("tenants-transfer", Dashboard, team::transfer);
