shared::lambda_http_main!(Public, webhook::receive);
