shared::lambda_http_main!("notes-list", Dashboard, inbox::notes_list);
