shared::lambda_http_main!("tenants-update-current", Dashboard, tenants::update_current);
