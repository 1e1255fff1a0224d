shared::lambda_http_main!("appointments-create", Dashboard, appointments::create);
