shared::lambda_http_main!("template-messages-send", Dashboard, conversations::send_template);
