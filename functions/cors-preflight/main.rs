shared::lambda_http_main!(Preflight, health::preflight);
