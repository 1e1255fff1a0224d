shared::lambda_http_main!("inbox-list", Dashboard, inbox::list);
