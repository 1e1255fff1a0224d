shared::lambda_http_main!("whatsapp-integration-test", Dashboard, whatsapp::test);
