shared::lambda_http_main!("bots-test", Dashboard, bots::test);
