shared::lambda_http_main!(Dashboard, conversations::send_template);
