shared::lambda_http_main!("knowledge-delete", Dashboard, knowledge::delete);
