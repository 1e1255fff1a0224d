shared::lambda_http_main!("messages-list", Dashboard, conversations::messages);
