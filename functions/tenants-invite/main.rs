shared::lambda_http_main!("tenants-invite", Dashboard, team::invite);
