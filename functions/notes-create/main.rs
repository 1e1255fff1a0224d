shared::lambda_http_main!("notes-create", Dashboard, inbox::notes_create);
