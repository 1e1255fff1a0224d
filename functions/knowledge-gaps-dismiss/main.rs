shared::lambda_http_main!("knowledge-gaps-dismiss", Dashboard, gaps::dismiss);
