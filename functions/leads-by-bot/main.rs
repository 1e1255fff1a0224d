shared::lambda_http_main!("leads-by-bot", Dashboard, leads::by_bot);
