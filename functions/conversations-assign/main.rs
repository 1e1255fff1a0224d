shared::lambda_http_main!("conversations-assign", Dashboard, inbox::assign);
