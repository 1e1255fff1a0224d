shared::lambda_http_main!("bots-get", Dashboard, bots::get);
