shared::lambda_http_main!(Dashboard, leads::export);
