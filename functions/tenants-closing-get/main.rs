shared::lambda_http_main!("tenants-closing-get", Dashboard, tenants::closing_get);
