shared::lambda_http_main!("bots-rotate-key", Dashboard, bots::rotate_key);
