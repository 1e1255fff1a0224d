shared::lambda_http_main!("whatsapp-embedded-signup", Dashboard, whatsapp::embedded_signup);
