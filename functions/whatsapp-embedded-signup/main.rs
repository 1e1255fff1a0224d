shared::lambda_http_main!(Dashboard, whatsapp::embedded_signup);
