shared::lambda_http_main!("calendar-feed-status", Dashboard, feeds::status);
