shared::lambda_http_main!(Dashboard, appointments::put_calendar);
