shared::lambda_http_main!(Dashboard, leads::by_bot);
