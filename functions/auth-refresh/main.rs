shared::lambda_http_main!(Dashboard, auth::refresh);
