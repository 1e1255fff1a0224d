shared::lambda_http_main!(Dashboard, assist::gaps_attach);
