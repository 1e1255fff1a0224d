shared::lambda_http_main!(Dashboard, appointments::get_calendar);
