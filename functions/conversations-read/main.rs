shared::lambda_http_main!("conversations-read", Dashboard, inbox::read);
