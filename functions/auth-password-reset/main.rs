shared::lambda_http_main!("auth-password-reset", Dashboard, account::reset_password);
