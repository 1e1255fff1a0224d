shared::lambda_http_main!("whatsapp-integration-delete", Dashboard, whatsapp::delete_integration);
