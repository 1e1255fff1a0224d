shared::lambda_http_main!("leads-delete", Dashboard, leads::delete);
