shared::lambda_http_main!("tenants-closing-cancel", Dashboard, tenants::closing_cancel);
