shared::lambda_http_main!(Dashboard, tenants::create);
