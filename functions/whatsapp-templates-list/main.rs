shared::lambda_http_main!(Dashboard, whatsapp::templates);
