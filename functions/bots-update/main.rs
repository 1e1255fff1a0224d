shared::lambda_http_main!("bots-update", Dashboard, bots::update);
