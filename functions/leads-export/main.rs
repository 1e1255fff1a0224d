shared::lambda_http_main!("leads-export", Dashboard, leads::export);
