shared::lambda_http_main!(Dashboard, bots::test);
