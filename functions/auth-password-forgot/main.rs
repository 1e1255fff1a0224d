shared::lambda_http_main!(Dashboard, account::forgot_password);
