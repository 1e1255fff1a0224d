shared::lambda_http_main!(Dashboard, feeds::revoke);
