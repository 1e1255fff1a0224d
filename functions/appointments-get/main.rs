shared::lambda_http_main!("appointments-get", Dashboard, appointments::get);
