shared::lambda_http_main!(Dashboard, account::verify_email);
