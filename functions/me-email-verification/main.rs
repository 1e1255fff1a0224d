shared::lambda_http_main!("me-email-verification", Dashboard, account::resend_verification);
