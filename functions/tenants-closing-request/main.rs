shared::lambda_http_main!("tenants-closing-request", Dashboard, tenants::closing_request);
