shared::lambda_http_main!("conversations-resolve", Dashboard, inbox::resolve);
