shared::lambda_http_main!("auth-register", Dashboard, auth::register);
