shared::lambda_http_main!("tenants-invitation-revoke", Dashboard, team::revoke);
