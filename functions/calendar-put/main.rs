shared::lambda_http_main!("calendar-put", Dashboard, appointments::put_calendar);
