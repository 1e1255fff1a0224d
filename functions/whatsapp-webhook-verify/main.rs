shared::lambda_http_main!("whatsapp-webhook-verify", Public, webhook::verify);
