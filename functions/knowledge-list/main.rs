shared::lambda_http_main!("knowledge-list", Dashboard, knowledge::list);
