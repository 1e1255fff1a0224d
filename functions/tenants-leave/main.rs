shared::lambda_http_main!("tenants-leave", Dashboard, team::leave);
