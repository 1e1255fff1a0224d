shared::lambda_http_main!("auth-email-verify", Dashboard, account::verify_email);
