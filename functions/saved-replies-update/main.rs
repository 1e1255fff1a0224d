shared::lambda_http_main!("saved-replies-update", Dashboard, inbox::replies_update);
