shared::lambda_http_main!("me-email", Dashboard, account::change_email);
