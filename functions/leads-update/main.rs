shared::lambda_http_main!("leads-update", Dashboard, leads::update);
