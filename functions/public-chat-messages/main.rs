shared::lambda_http_main!("public-chat-messages", Public, public::messages);
