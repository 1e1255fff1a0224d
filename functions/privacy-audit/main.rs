shared::lambda_http_main!("privacy-audit", Dashboard, privacy::audit);
