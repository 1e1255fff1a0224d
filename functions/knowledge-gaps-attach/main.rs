shared::lambda_http_main!(Dashboard, gaps::attach);
