shared::lambda_http_main!(Dashboard, assist::test);
