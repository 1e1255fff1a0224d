shared::lambda_http_main!("knowledge-create", Dashboard, knowledge::create);
