shared::lambda_http_main!("conversations-handoff", Dashboard, conversations::handoff);
