shared::lambda_http_main!("cors-preflight", Preflight, health::preflight);
