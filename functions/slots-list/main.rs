shared::lambda_http_main!("slots-list", Dashboard, appointments::slots);
