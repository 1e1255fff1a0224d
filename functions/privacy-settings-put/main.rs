shared::lambda_http_main!("privacy-settings-put", Dashboard, privacy::settings_put);
