shared::lambda_http_main!("calendar-get", Dashboard, appointments::get_calendar);
