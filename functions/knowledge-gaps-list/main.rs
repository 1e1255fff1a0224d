shared::lambda_http_main!("knowledge-gaps-list", Dashboard, gaps::list);
