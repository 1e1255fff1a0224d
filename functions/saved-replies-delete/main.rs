shared::lambda_http_main!("saved-replies-delete", Dashboard, inbox::replies_delete);
