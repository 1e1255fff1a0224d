shared::lambda_http_main!("notes-delete", Dashboard, inbox::notes_delete);
