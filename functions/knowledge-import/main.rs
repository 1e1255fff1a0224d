shared::lambda_http_main!("knowledge-import", Dashboard, knowledge::import);
