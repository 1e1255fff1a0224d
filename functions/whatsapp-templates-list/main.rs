shared::lambda_http_main!("whatsapp-templates-list", Dashboard, whatsapp::templates);
