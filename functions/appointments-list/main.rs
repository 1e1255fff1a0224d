shared::lambda_http_main!("appointments-list", Dashboard, appointments::list);
