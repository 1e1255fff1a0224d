shared::lambda_http_main!("conversations-delete", Dashboard, conversations::delete);
