shared::lambda_http_main!("calendar-feed", Public, feeds::feed);
