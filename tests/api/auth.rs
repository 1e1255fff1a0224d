use serde_json::json;
use testkit::TestApp;

#[tokio::test]
async fn register_creates_an_unverified_owner_and_mails_a_verification_link() {
    let app = TestApp::spawn().await;
    let id = shared::ids::new_id();
    let email = format!("ayse-{id}@example.com");
    let reply = app
        .request(
            "POST",
            "/auth/register",
            None,
            &[("content-type", "application/json"), ("accept-language", "en-GB,en;q=0.9")],
            serde_json::to_vec(&json!({"email": format!(" Ayse-{id}@Example.COM "), "password": "0123456789", "full_name": "Ayşe", "tenant_name": "Gülümse"})).unwrap(),
        )
        .await;
    assert_eq!(reply.status, 202, "{}", reply.text);
    assert_eq!(reply.body, json!({"status": "check_email", "email": email}));
    assert!(!reply.text.contains("0123456789"));
    let mails = app.mails_to(&email).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0]["subject"].as_str().unwrap().contains("confirm your e-mail"), "in the browser's language");
    assert!(mails[0]["html"].as_str().unwrap().contains("http://localhost:3000/verify-email?token="));

    let account = app.login(&email, "0123456789").await;
    let me = app.get("/me", &account.access).await;
    assert_eq!(me.body["user"]["email_verified"], false);
    assert_eq!(me.body["user"]["language"], "en");
    assert_eq!(me.body["tenants"][0]["role"], "owner");
    assert!(me.body["user"].get("password_hash").is_none());

    let token = app.mail_token(&email, "/verify-email").await;
    let verified = app.post("/auth/email/verify", None, json!({ "token": token })).await;
    assert_eq!(verified.status, 200, "{}", verified.text);
    assert_eq!(verified.body["purpose"], "verify_email");
    assert_eq!(app.get("/me", &account.access).await.body["user"]["email_verified"], true);
    let again = app.post("/auth/email/verify", None, json!({ "token": token })).await;
    assert_eq!(again.status, 422, "a link works once");
    assert_eq!(again.error_fields(), ["token"]);
}

#[tokio::test]
async fn register_reports_every_invalid_field() {
    let app = TestApp::spawn().await;
    let reply = app
        .post(
            "/auth/register",
            None,
            json!({"email": "not-an-email", "password": "short", "full_name": "", "tenant_name": "x".repeat(101)}),
        )
        .await;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.code(), "validation_failed");
    assert_eq!(reply.error_fields(), ["email", "password", "full_name", "tenant_name"]);
    assert_eq!(reply.headers["content-type"], "application/problem+json");
}

#[tokio::test]
async fn register_with_a_missing_field_names_it_and_malformed_json_is_a_400() {
    let app = TestApp::spawn().await;
    let reply =
        app.post("/auth/register", None, json!({"email": "a@b.co", "password": "0123456789", "full_name": "A"})).await;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.error_fields(), ["tenant_name"]);
    let reply = app
        .request("POST", "/auth/register", None, &[("content-type", "application/json")], b"{\"email\":".to_vec())
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.code(), "malformed_json");
    let reply =
        app.request("POST", "/auth/register", None, &[("content-type", "application/json")], vec![b' '; 70_000]).await;
    assert_eq!(reply.status, 413);
    let reply =
        app.request("POST", "/auth/register", None, &[("content-type", "application/xml")], b"<a/>".to_vec()).await;
    assert_eq!(reply.status, 415);
}

#[tokio::test]
async fn a_taken_email_gets_the_same_answer_writes_nothing_and_its_owner_is_told_by_mail() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let before = app.all_items().await.len();
    let fresh = app
        .post("/auth/register", None, json!({"email": format!("new-{}@example.com", shared::ids::new_id()), "password": "0123456789", "full_name": "B", "tenant_name": "Other"}))
        .await;
    let after_fresh = app.all_items().await.len();
    let taken = app
        .post("/auth/register", None, json!({"email": account.email.to_uppercase(), "password": "0123456789", "full_name": "B", "tenant_name": "Other"}))
        .await;
    assert_eq!(taken.status, fresh.status, "{}", taken.text);
    assert_eq!(taken.body["status"], fresh.body["status"]);
    assert_eq!(
        taken.body.as_object().unwrap().keys().collect::<Vec<_>>(),
        fresh.body.as_object().unwrap().keys().collect::<Vec<_>>()
    );
    assert!(after_fresh > before);
    assert_eq!(app.all_items().await.len(), after_fresh, "a sign-up with a taken address left items behind");
    let mails = app.mails_to(&account.email).await;
    let last = mails.last().unwrap();
    assert!(last["subject"].as_str().unwrap().contains("zaten bir hesabın var"), "{last}");
    assert!(last["text"].as_str().unwrap().contains("/forgot-password"));
    // The account's password is untouched.
    app.login(&account.email, &account.password).await;
}

#[tokio::test]
async fn ten_concurrent_registrations_of_one_email_create_exactly_one_account() {
    let app = TestApp::spawn().await;
    let body = json!({"email": "race@example.com", "password": "0123456789", "full_name": "R", "tenant_name": "T"});
    let replies = futures::future::join_all((0..10).map(|_| app.post("/auth/register", None, body.clone()))).await;
    let statuses: Vec<u16> = replies.iter().map(|r| r.status).collect();
    assert!(statuses.iter().all(|s| *s == 202), "{statuses:?}");
    let users = app.all_items().await.into_iter().filter(|i| i["type"].as_s().unwrap() == "user").count();
    assert_eq!(users, 1);
    let tenants = app.all_items().await.into_iter().filter(|i| i["type"].as_s().unwrap() == "tenant").count();
    assert_eq!(tenants, 1, "losing registrations must not leave tenants behind");
}

#[tokio::test]
async fn login_with_the_right_password_returns_tokens_and_a_wrong_one_is_a_401() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let ok = app.post("/auth/login", None, json!({"email": account.email, "password": account.password})).await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    assert!(ok.body["tokens"]["access_token"].is_string());
    let bad = app.post("/auth/login", None, json!({"email": account.email, "password": "wrong password!"})).await;
    assert_eq!(bad.status, 401);
    assert_eq!(bad.code(), "invalid_credentials");
    let unknown = app.post("/auth/login", None, json!({"email": "nobody@example.com", "password": "whatever12"})).await;
    assert_eq!(unknown.status, 401);
    assert_eq!(unknown.body["detail"], bad.body["detail"], "unknown emails must look like wrong passwords");
}

#[tokio::test]
async fn five_failed_logins_lock_the_email_for_the_window_with_retry_after() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    for _ in 0..5 {
        let r = app.post("/auth/login", None, json!({"email": account.email, "password": "wrong password"})).await;
        assert_eq!(r.status, 401);
    }
    let locked = app.post("/auth/login", None, json!({"email": account.email, "password": account.password})).await;
    assert_eq!(locked.status, 429, "{}", locked.text);
    assert_eq!(locked.code(), "rate_limited");
    let retry: u64 = locked.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry));
    let other = app.register().await;
    let fine = app.post("/auth/login", None, json!({"email": other.email, "password": other.password})).await;
    assert_eq!(fine.status, 200, "another email from the same IP is still below the IP limit");
}

#[tokio::test]
async fn refresh_rotates_the_token_and_reusing_an_old_one_revokes_the_family() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let first = app.post("/auth/refresh", None, json!({"refresh_token": account.refresh})).await;
    assert_eq!(first.status, 200, "{}", first.text);
    let second_token = first.body["tokens"]["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(second_token, account.refresh);

    let reuse = app.post("/auth/refresh", None, json!({"refresh_token": account.refresh})).await;
    assert_eq!(reuse.status, 401);
    assert_eq!(reuse.code(), "token_reused");
    let after = app.post("/auth/refresh", None, json!({"refresh_token": second_token})).await;
    assert_eq!(after.status, 401, "the newest token of a revoked family must die too");
}

#[tokio::test]
async fn logout_revokes_the_session() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let out = app.post("/auth/logout", None, json!({"refresh_token": account.refresh})).await;
    assert_eq!(out.status, 204);
    let refresh = app.post("/auth/refresh", None, json!({"refresh_token": account.refresh})).await;
    assert_eq!(refresh.status, 401);
    let garbage = app.post("/auth/logout", None, json!({"refresh_token": "nonsense"})).await;
    assert_eq!(garbage.status, 204);
}

#[tokio::test]
async fn garbage_refresh_tokens_are_a_401() {
    let app = TestApp::spawn().await;
    for token in ["", "abc", "01jf3k9x4w2m8r7t6y5v4c3b2a.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"] {
        let r = app.post("/auth/refresh", None, json!({"refresh_token": token})).await;
        assert_eq!(r.status, 401, "{token}");
    }
}

#[tokio::test]
async fn me_needs_a_valid_token_and_lists_the_users_tenants() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let me = app.get("/me", &account.access).await;
    assert_eq!(me.status, 200, "{}", me.text);
    assert_eq!(me.body["user"]["id"], account.user_id.as_str());
    assert_eq!(me.body["tenants"][0]["id"], account.tenant_id.as_str());
    assert_eq!(me.body["tenants"][0]["role"], "owner");
    assert_eq!(app.call("GET", "/me", None, None).await.status, 401);
    let bad = app.get("/me", "not.a.jwt").await;
    assert_eq!((bad.status, bad.code()), (401, "invalid_token"));
}

#[tokio::test]
async fn an_expired_access_token_is_refused_as_expired() {
    let app = TestApp::spawn_with(|k| (k == "ACCESS_TOKEN_TTL_SECS").then(|| "-30".into())).await;
    let account = app.register().await;
    let reply = app.get("/me", &account.access).await;
    assert_eq!((reply.status, reply.code()), (401, "token_expired"));
}

#[tokio::test]
async fn a_user_can_rename_themselves() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let reply = app.call("PATCH", "/me", Some(&account.access), Some(json!({"full_name": "Ayşe Kaya"}))).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(app.get("/me", &account.access).await.body["user"]["full_name"], "Ayşe Kaya");
    let bad = app.call("PATCH", "/me", Some(&account.access), Some(json!({"full_name": ""}))).await;
    assert_eq!(bad.error_fields(), ["full_name"]);
}

#[tokio::test]
async fn a_burst_of_concurrent_guesses_gets_no_more_password_checks_than_the_limit() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    // 40 wrong passwords and the right one, all at once: at most five are checked at all.
    let mut attempts: Vec<String> = (0..40).map(|i| format!("wrong password {i}")).collect();
    attempts.insert(20, account.password.clone());
    let replies = futures::future::join_all(
        attempts.iter().map(|p| app.post("/auth/login", None, json!({ "email": account.email, "password": p }))),
    )
    .await;
    let checked = replies.iter().filter(|r| r.status == 200 || r.status == 401).count();
    let refused = replies.iter().filter(|r| r.status == 429).count();
    assert!(checked <= 5, "{checked} passwords checked");
    assert_eq!(checked + refused, 41, "every other attempt is refused before its check");
    // Successful logins do not use up the limit: six in a row all succeed.
    let fresh = app.register().await;
    for _ in 0..6 {
        let ok = app.post("/auth/login", None, json!({ "email": fresh.email, "password": fresh.password })).await;
        assert_eq!(ok.status, 200, "{}", ok.text);
    }
}

#[tokio::test]
async fn names_with_invisible_formatting_and_look_alike_emails_are_refused_at_registration() {
    let app = TestApp::spawn().await;
    let reply = app
        .post(
            "/auth/register",
            None,
            json!({ "email": "pаypal@example.com", "password": "yeterince-uzun-parola", "full_name": "Ayşe\u{202E}zamlıY",
                    "tenant_name": "Gülümse\u{200B} Diş" }),
        )
        .await;
    assert_eq!(reply.status, 422, "{}", reply.text);
    assert_eq!(reply.error_fields(), ["email", "full_name", "tenant_name"]);
}
