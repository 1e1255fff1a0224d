shared::lambda_http_main!("conversations-get", Dashboard, conversations::get);
