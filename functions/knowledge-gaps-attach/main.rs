shared::lambda_http_main!("knowledge-gaps-attach", Dashboard, gaps::attach);
