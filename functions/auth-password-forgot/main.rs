shared::lambda_http_main!("auth-password-forgot", Dashboard, account::forgot_password);
