shared::lambda_http_main!(Dashboard, appointments::list);
