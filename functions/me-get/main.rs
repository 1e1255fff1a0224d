shared::lambda_http_main!("me-get", Dashboard, auth::me);
