shared::lambda_http_main!("whatsapp-webhook", Public, webhook::receive);
