shared::lambda_http_main!("public-chat-init", Public, public::init);
