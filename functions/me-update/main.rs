shared::lambda_http_main!(Dashboard, auth::update_me);
