shared::lambda_http_main!("conversations-reopen", Dashboard, inbox::reopen);
