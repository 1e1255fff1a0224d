shared::lambda_http_main!(Dashboard, knowledge::create);
