shared::lambda_http_main!("me-update", Dashboard, auth::update_me);
