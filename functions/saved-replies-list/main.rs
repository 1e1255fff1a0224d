shared::lambda_http_main!("saved-replies-list", Dashboard, inbox::replies_list);
