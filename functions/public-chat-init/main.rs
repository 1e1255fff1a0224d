shared::lambda_http_main!(Public, public::init);
