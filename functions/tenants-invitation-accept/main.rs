shared::lambda_http_main!("tenants-invitation-accept", Dashboard, team::accept);
