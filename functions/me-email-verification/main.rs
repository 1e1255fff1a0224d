shared::lambda_http_main!(Dashboard, account::resend_verification);
