shared::lambda_http_main!("calendar-feed-revoke", Dashboard, feeds::revoke);
