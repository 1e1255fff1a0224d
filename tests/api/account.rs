//! E-mail verification, password reset, changing the password or the address, and where
//! login limits count (issue #16's accounts section).

use hmac::Mac;
use serde_json::json;
use testkit::{CLIENT_IP_SECRET, TestApp};

fn unique(prefix: &str) -> String {
    format!("{prefix}-{}@example.com", shared::ids::new_id())
}

#[tokio::test]
async fn a_reset_is_asked_the_same_way_for_any_address_and_only_an_owner_gets_mail() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let nobody = unique("nobody");
    let known = app.post("/auth/password/forgot", None, json!({ "email": account.email })).await;
    let unknown = app.post("/auth/password/forgot", None, json!({ "email": nobody })).await;
    assert_eq!((known.status, &known.body), (unknown.status, &unknown.body), "{} / {}", known.text, unknown.text);
    assert_eq!(known.status, 202);
    assert!(app.mails_to(&nobody).await.is_empty());
    let token = app.mail_token(&account.email, "/reset-password").await;
    assert!(token.len() >= 40, "{token}");

    let bad = app.post("/auth/password/forgot", None, json!({ "email": "not an address" })).await;
    assert_eq!((bad.status, bad.error_fields()), (422, vec!["email".to_string()]));
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_session() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    app.post("/auth/password/forgot", None, json!({ "email": account.email })).await;
    let token = app.mail_token(&account.email, "/reset-password").await;

    let short = app.post("/auth/password/reset", None, json!({ "token": token, "password": "short" })).await;
    assert_eq!((short.status, short.error_fields()), (422, vec!["password".to_string()]));
    let forged = app
        .post("/auth/password/reset", None, json!({ "token": "x".repeat(43), "password": "a brand new password" }))
        .await;
    assert_eq!((forged.status, forged.error_fields()), (422, vec!["token".to_string()]));

    // Two clicks at once: one wins.
    let body = json!({ "token": token, "password": "a brand new password" });
    let (a, b) = tokio::join!(
        app.post("/auth/password/reset", None, body.clone()),
        app.post("/auth/password/reset", None, body)
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [204, 422], "{} / {}", a.text, b.text);

    let old = app.post("/auth/login", None, json!({ "email": account.email, "password": account.password })).await;
    assert_eq!(old.status, 401);
    app.login(&account.email, "a brand new password").await;
    let refresh = app.post("/auth/refresh", None, json!({ "refresh_token": account.refresh })).await;
    assert_eq!((refresh.status, refresh.code()), (401, "invalid_token"), "a session from before the reset lives on");
    let mails = app.mails_to(&account.email).await;
    assert!(mails.last().unwrap()["subject"].as_str().unwrap().contains("şifren değişti"));
}

#[tokio::test]
async fn a_link_for_one_purpose_does_not_work_for_another() {
    let app = TestApp::spawn().await;
    let email = unique("purpose");
    app.register_unverified(&email, "Kliniğim").await;
    let verify = app.mail_token(&email, "/verify-email").await;
    let reset =
        app.post("/auth/password/reset", None, json!({ "token": verify, "password": "a brand new password" })).await;
    assert_eq!((reset.status, reset.error_fields()), (422, vec!["token".to_string()]));
    app.post("/auth/password/forgot", None, json!({ "email": email })).await;
    let reset_token = app.mail_token(&email, "/reset-password").await;
    let verified = app.post("/auth/email/verify", None, json!({ "token": reset_token })).await;
    assert_eq!(verified.status, 422, "{}", verified.text);
    // Both are still good for what they were made for.
    assert_eq!(app.post("/auth/email/verify", None, json!({ "token": verify })).await.status, 200);
}

#[tokio::test]
async fn reset_mails_to_one_address_are_capped_without_the_answer_changing() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    for _ in 0..5 {
        let reply = app.post("/auth/password/forgot", None, json!({ "email": account.email })).await;
        assert_eq!(reply.status, 202);
    }
    let resets = app
        .mails_to(&account.email)
        .await
        .into_iter()
        .filter(|m| m["text"].as_str().unwrap_or_default().contains("/reset-password?token="))
        .count();
    assert_eq!(resets, 3);
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let wrong = app
        .put(
            "/me/password",
            &account.access,
            json!({ "current_password": "not my password", "new_password": "another long password" }),
        )
        .await;
    assert_eq!((wrong.status, wrong.error_fields()), (422, vec!["current_password".to_string()]));
    let weak = app
        .put("/me/password", &account.access, json!({ "current_password": account.password, "new_password": "short" }))
        .await;
    assert_eq!(weak.error_fields(), ["new_password"]);
    let changed = app
        .put(
            "/me/password",
            &account.access,
            json!({ "current_password": account.password, "new_password": "another long password" }),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    let fresh_refresh = changed.body["tokens"]["refresh_token"].as_str().unwrap();

    let old = app.post("/auth/refresh", None, json!({ "refresh_token": account.refresh })).await;
    assert_eq!(old.status, 401, "the other session must end");
    let kept = app.post("/auth/refresh", None, json!({ "refresh_token": fresh_refresh })).await;
    assert_eq!(kept.status, 200, "the session that changed it stays: {}", kept.text);
    app.login(&account.email, "another long password").await;
}

#[tokio::test]
async fn guessing_the_current_password_is_limited_per_user() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let guesses = futures::future::join_all((0..8).map(|i| {
        app.put(
            "/me/password",
            &account.access,
            json!({ "current_password": format!("guess number {i}"), "new_password": "another long password" }),
        )
    }))
    .await;
    assert_eq!(
        guesses.iter().filter(|r| r.status == 429).count(),
        3,
        "{:?}",
        guesses.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    let right = app
        .put(
            "/me/password",
            &account.access,
            json!({ "current_password": account.password, "new_password": "another long password" }),
        )
        .await;
    assert_eq!(right.status, 429, "the right password does not get past the limit either");
}

#[tokio::test]
async fn changing_the_address_moves_the_account_only_when_the_new_address_confirms() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let other = app.register().await;
    let new_email = unique("moved");

    let wrong =
        app.put("/me/email", &account.access, json!({ "new_email": new_email, "password": "not my password" })).await;
    assert_eq!(wrong.error_fields(), ["password"]);
    let same = app
        .put("/me/email", &account.access, json!({ "new_email": account.email, "password": account.password }))
        .await;
    assert_eq!(same.error_fields(), ["new_email"]);

    // A taken address: the same answer; its owner is told, nothing moves.
    let taken =
        app.put("/me/email", &account.access, json!({ "new_email": other.email, "password": account.password })).await;
    let free =
        app.put("/me/email", &account.access, json!({ "new_email": new_email, "password": account.password })).await;
    assert_eq!((taken.status, &taken.body), (free.status, &free.body));
    assert_eq!(free.status, 202);
    assert!(
        app.mails_to(&other.email).await.last().unwrap()["subject"].as_str().unwrap().contains("zaten kullanılıyor")
    );
    assert_eq!(
        app.get("/me", &account.access).await.body["user"]["email"],
        account.email.as_str(),
        "moved before confirming"
    );

    let token = app.mail_token(&new_email, "/verify-email").await;
    let confirmed = app.post("/auth/email/verify", None, json!({ "token": token })).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.text);
    assert_eq!(confirmed.body["purpose"], "change_email");
    let me = app.get("/me", &account.access).await;
    assert_eq!(
        (me.body["user"]["email"].as_str(), me.body["user"]["email_verified"].as_bool()),
        (Some(new_email.as_str()), Some(true))
    );
    assert!(app.mails_to(&account.email).await.last().unwrap()["text"].as_str().unwrap().contains(&new_email));
    app.login(&new_email, &account.password).await;
    let old = app.post("/auth/login", None, json!({ "email": account.email, "password": account.password })).await;
    assert_eq!(old.status, 401);
    // The old address is free again; the link does not work twice.
    assert_eq!(app.post("/auth/email/verify", None, json!({ "token": token })).await.status, 422);
    app.register_as(&account.email, "Yeni").await;
}

#[tokio::test]
async fn an_address_taken_between_asking_and_confirming_is_a_409_and_nothing_moves() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let new_email = unique("contested");
    app.put("/me/email", &account.access, json!({ "new_email": new_email, "password": account.password })).await;
    let token = app.mail_token(&new_email, "/verify-email").await;
    app.register_as(&new_email, "Hızlı").await;
    let confirmed = app.post("/auth/email/verify", None, json!({ "token": token })).await;
    assert_eq!((confirmed.status, confirmed.code()), (409, "email_taken"), "{}", confirmed.text);
    assert_eq!(app.get("/me", &account.access).await.body["user"]["email"], account.email.as_str());
    app.login(&account.email, &account.password).await;
}

#[tokio::test]
async fn until_the_address_is_verified_whatsapp_and_publishing_stay_closed() {
    let app = TestApp::spawn().await;
    let email = unique("fresh");
    let account = app.register_unverified(&email, "Yeni Klinik").await;
    let bot = app.create_bot(&account, "Asistan").await;
    let bot_id = bot["id"].as_str().unwrap();
    let key = bot["public_key"].as_str().unwrap();

    let whatsapp = app.put(&format!("/bots/{bot_id}/whatsapp-integration"), &account.access, json!({})).await;
    assert_eq!((whatsapp.status, whatsapp.code()), (403, "email_not_verified"), "{}", whatsapp.text);
    let signup = app
        .post(&format!("/bots/{bot_id}/whatsapp-integration/embedded-signup"), Some(&account.access), json!({}))
        .await;
    assert_eq!((signup.status, signup.code()), (403, "email_not_verified"), "{}", signup.text);

    let init = |origin: &'static str| {
        let app = &app;
        let body = json!({ "bot_public_key": key }).to_string().into_bytes();
        async move {
            app.request(
                "POST",
                "/public/chat/init",
                None,
                &[("content-type", "application/json"), ("origin", origin)],
                body,
            )
            .await
        }
    };
    assert_eq!(init("https://shop.example.com").await.code(), "origin_not_allowed");
    assert_eq!(init("http://localhost:5173").await.status, 200, "testing on one's own machine works");
    assert_eq!(init("http://localhost:3000").await.status, 200, "the dashboard's preview works");
    let test = app.post(&format!("/bots/{bot_id}/test"), Some(&account.access), json!({ "message": "Merhaba" })).await;
    assert_eq!(test.status, 200, "{}", test.text);

    let resend = app.post("/me/email/verification", Some(&account.access), json!({})).await;
    assert_eq!(resend.status, 202, "{}", resend.text);
    let token = app.mail_token(&email, "/verify-email").await;
    assert_eq!(app.post("/auth/email/verify", None, json!({ "token": token })).await.status, 200);
    assert_eq!(init("https://shop.example.com").await.status, 200);
    let whatsapp = app.put(&format!("/bots/{bot_id}/whatsapp-integration"), &account.access, json!({})).await;
    assert_ne!(whatsapp.code(), "email_not_verified");
    let again = app.post("/me/email/verification", Some(&account.access), json!({})).await;
    assert_eq!((again.status, again.code()), (409, "already_verified"));
}

fn vouch(ip: &str, secret: &str) -> String {
    let at = shared::ids::epoch_secs();
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{ip}.{at}").as_bytes());
    format!("{ip}.{at}.{}", hex::encode(mac.finalize().into_bytes()))
}

#[tokio::test]
async fn login_limits_count_the_visitor_the_dashboard_vouches_for_not_its_server() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let login = |ip_header: String, email: String, password: &'static str| {
        let app = &app;
        let body = json!({ "email": email, "password": password }).to_string().into_bytes();
        async move {
            app.request(
                "POST",
                "/auth/login",
                None,
                &[("content-type", "application/json"), ("x-client-ip", &ip_header)],
                body,
            )
            .await
        }
    };
    // One visitor fails 21 times over 21 addresses: that visitor is stopped...
    for i in 0..21 {
        let reply =
            login(vouch("203.0.113.50", CLIENT_IP_SECRET), unique(&format!("guess{i}")), "wrong password").await;
        assert_eq!(reply.status, if i < 20 { 401 } else { 429 }, "attempt {i}: {}", reply.text);
    }
    // ...while another visitor behind the same dashboard server logs in.
    let other = login(vouch("203.0.113.51", CLIENT_IP_SECRET), account.email.clone(), "a long enough password").await;
    assert_eq!(other.status, 200, "{}", other.text);
    // A forged voucher is ignored: the server's own address counts.
    for i in 0..20 {
        login(vouch("203.0.113.52", "a guessed secret of some length"), unique(&format!("f{i}")), "wrong password")
            .await;
    }
    let unsigned = login(
        vouch("203.0.113.53", "a guessed secret of some length"),
        account.email.clone(),
        "a long enough password",
    )
    .await;
    assert_eq!(unsigned.status, 429, "forged vouchers must all count against the one real source address");
}

#[tokio::test]
async fn a_bot_can_only_use_a_model_the_platform_offers() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let bot = app.create_bot(&account, "Asistan").await;
    let bot_id = bot["id"].as_str().unwrap();
    let pricey = app.put(&format!("/bots/{bot_id}"), &account.access, json!({ "llm_model": "o1-pro" })).await;
    assert_eq!((pricey.status, pricey.error_fields()), (422, vec!["llm_model".to_string()]));
    let offered = app.put(&format!("/bots/{bot_id}"), &account.access, json!({ "llm_model": "gpt-4o-mini" })).await;
    assert_eq!((offered.status, offered.body["llm_model"].as_str()), (200, Some("gpt-4o-mini")));
}
