shared::lambda_http_main!("privacy-contact-erase", Dashboard, privacy::erase);
