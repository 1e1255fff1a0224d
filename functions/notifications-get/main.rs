shared::lambda_http_main!("notifications-get", Dashboard, inbox::notifications_get);
