shared::lambda_http_main!("messages-send", Dashboard, conversations::send);
