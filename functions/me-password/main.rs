shared::lambda_http_main!("me-password", Dashboard, account::change_password);
