shared::lambda_http_main!("leads-list", Dashboard, leads::list);
