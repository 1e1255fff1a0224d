shared::lambda_http_main!("bots-delete", Dashboard, bots::delete);
