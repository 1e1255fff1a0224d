shared::lambda_http_main!("public-leads", Public, public::lead);
