shared::lambda_http_main!("tenants-member-remove", Dashboard, team::remove);
