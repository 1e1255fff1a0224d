shared::lambda_http_main!("tenants-create", Dashboard, tenants::create);
