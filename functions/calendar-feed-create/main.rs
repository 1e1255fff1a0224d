shared::lambda_http_main!("calendar-feed-create", Dashboard, feeds::create);
