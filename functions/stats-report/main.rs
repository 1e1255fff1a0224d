shared::lambda_http_main!("stats-report", Dashboard, stats::report);
