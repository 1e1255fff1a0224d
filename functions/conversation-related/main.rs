shared::lambda_http_main!("conversation-related", Dashboard, inbox::related);
