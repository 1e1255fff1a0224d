shared::lambda_http_main!("privacy-contact-export", Dashboard, privacy::export);
