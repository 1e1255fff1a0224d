shared::lambda_http_main!(Dashboard, stats::overview);
