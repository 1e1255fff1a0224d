shared::lambda_http_main!("inbox-summary", Dashboard, inbox::summary);
