shared::lambda_http_main!("public-chat-send", Public, public::send);
