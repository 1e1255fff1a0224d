shared::lambda_http_main!("conversations-list", Dashboard, conversations::list);
