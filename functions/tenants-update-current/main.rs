shared::lambda_http_main!(Dashboard, tenants::update_current);
