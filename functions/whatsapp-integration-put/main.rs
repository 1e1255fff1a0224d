shared::lambda_http_main!("whatsapp-integration-put", Dashboard, whatsapp::put);
