shared::lambda_http_main!("stats-report-export", Dashboard, stats::report_export);
