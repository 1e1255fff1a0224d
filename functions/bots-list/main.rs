shared::lambda_http_main!("bots-list", Dashboard, bots::list);
