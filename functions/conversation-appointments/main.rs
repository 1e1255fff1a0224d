shared::lambda_http_main!("conversation-appointments", Dashboard, appointments::of_conversation);
