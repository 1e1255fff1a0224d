shared::lambda_http_main!("tenants-members-list", Dashboard, team::list);
