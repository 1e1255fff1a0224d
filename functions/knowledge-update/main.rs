shared::lambda_http_main!("knowledge-update", Dashboard, knowledge::update);
