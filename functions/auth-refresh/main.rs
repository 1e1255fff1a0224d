shared::lambda_http_main!("auth-refresh", Dashboard, auth::refresh);
