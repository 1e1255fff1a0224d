shared::lambda_http_main!("whatsapp-integration-get", Dashboard, whatsapp::get);
