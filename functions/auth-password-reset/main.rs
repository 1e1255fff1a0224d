shared::lambda_http_main!(Dashboard, account::reset_password);
