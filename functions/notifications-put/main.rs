shared::lambda_http_main!("notifications-put", Dashboard, inbox::notifications_put);
