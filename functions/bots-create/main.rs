shared::lambda_http_main!("bots-create", Dashboard, bots::create);
