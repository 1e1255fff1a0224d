shared::lambda_http_main!(Dashboard, bots::rotate_key);
