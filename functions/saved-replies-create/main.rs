shared::lambda_http_main!("saved-replies-create", Dashboard, inbox::replies_create);
