shared::lambda_http_main!("tenants-my", Dashboard, tenants::my);
