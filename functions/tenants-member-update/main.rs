shared::lambda_http_main!("tenants-member-update", Dashboard, team::update);
