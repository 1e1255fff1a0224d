shared::lambda_http_main!(Dashboard, account::change_password);
