shared::lambda_http_main!(Dashboard, appointments::of_conversation);
