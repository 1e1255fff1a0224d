shared::lambda_http_main!("appointments-update", Dashboard, appointments::update);
