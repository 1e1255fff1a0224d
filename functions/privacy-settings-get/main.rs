shared::lambda_http_main!("privacy-settings-get", Dashboard, privacy::settings_get);
