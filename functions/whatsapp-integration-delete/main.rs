shared::lambda_http_main!(Dashboard, whatsapp::delete_integration);
