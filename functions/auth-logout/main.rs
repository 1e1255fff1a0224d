shared::lambda_http_main!("auth-logout", Dashboard, auth::logout);
