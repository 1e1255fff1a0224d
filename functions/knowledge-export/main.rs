shared::lambda_http_main!("knowledge-export", Dashboard, knowledge::export);
