shared::lambda_http_main!("auth-login", Dashboard, auth::login);
