shared::lambda_http_main!("stats-overview", Dashboard, stats::overview);
