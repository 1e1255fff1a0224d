//! The public chat API the widget uses, with the offline knowledge-base answerer.

use serde_json::{Value, json};
use testkit::{Account, TestApp};

/// A bot in FAQ mode with the dental clinic's knowledge base.
async fn clinic(app: &TestApp, account: &Account) -> Value {
    let bot = app.post("/bots", Some(&account.access), json!({ "name": "Gülümse", "answer_mode": "faq" })).await;
    assert_eq!(bot.status, 201, "{}", bot.text);
    app.import_clinic_knowledge(account, bot.body["id"].as_str().unwrap()).await;
    bot.body
}

async fn init(app: &TestApp, key: &str, external: Option<&str>) -> Value {
    let mut body = json!({ "bot_public_key": key });
    if let Some(e) = external {
        body["external_user_id"] = json!(e);
    }
    let reply = app.post("/public/chat/init", None, body).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    reply.body
}

async fn send(app: &TestApp, session: &Value, message: &str) -> testkit::Reply {
    app.post(
        "/public/chat/send",
        session["visitor_token"].as_str(),
        json!({ "conversation_id": session["conversation_id"], "message": message }),
    )
    .await
}

#[tokio::test]
async fn a_visitor_gets_a_grounded_answer_and_keeps_the_conversation() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = clinic(&app, &a).await;
    let key = bot["public_key"].as_str().unwrap();
    let session = init(&app, key, None).await;
    assert_eq!(session["bot"]["name"], "Gülümse");
    assert_eq!(session["bot"]["language"], "tr");
    assert!(!session["welcome_message"].as_str().unwrap().is_empty());

    let reply = send(&app, &session, "Cumartesi günü açık mısınız?").await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.body["user_message"]["sender"], "user");
    let answer = reply.body["reply"]["content"].as_str().unwrap();
    assert!(answer.contains("cumartesi 10:00-16:00"), "{answer}");
    assert!(reply.body["reply"].get("knowledge_item_ids").is_none(), "public messages hide internals");
    assert_eq!(reply.body["status"], "bot");

    // The dashboard sees both messages and the item the answer used.
    let cid = session["conversation_id"].as_str().unwrap();
    let messages = app.get(&format!("/conversations/{cid}/messages"), &a.access).await;
    let items = messages.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["sender"], "bot");
    assert_eq!(items[1]["knowledge_item_ids"].as_array().unwrap().len(), 1);

    // A returning visitor continues the same conversation.
    let again = init(&app, key, session["external_user_id"].as_str()).await;
    assert_eq!(again["conversation_id"], session["conversation_id"]);
    let history = app
        .request(
            "GET",
            &format!("/public/chat/messages?conversation_id={cid}"),
            again["visitor_token"].as_str(),
            &[],
            vec![],
        )
        .await;
    assert_eq!(history.status, 200, "{}", history.text);
    assert_eq!(history.body["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn an_unanswerable_question_falls_back_flags_the_conversation_and_records_a_gap() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = clinic(&app, &a).await;
    let bot_id = bot["id"].as_str().unwrap();
    let session = init(&app, bot["public_key"].as_str().unwrap(), None).await;
    let reply = send(&app, &session, "Kedim için aşı takvimi nedir?").await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.body["reply"]["content"], bot["fallback_message"], "the bot's own fallback message");
    // Asked twice, differently written: one gap counted twice.
    let other = init(&app, bot["public_key"].as_str().unwrap(), None).await;
    send(&app, &other, "KEDİM için aşı takvimi nedir").await;
    let gaps = app.get(&format!("/bots/{bot_id}/knowledge-gaps"), &a.access).await;
    assert_eq!(gaps.status, 200, "{}", gaps.text);
    let items = gaps.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["count"], 2);
    assert_eq!(items[0]["last_conversation_id"], other["conversation_id"]);
    let conversation =
        app.get(&format!("/conversations/{}", session["conversation_id"].as_str().unwrap()), &a.access).await;
    assert_eq!(conversation.body["needs_attention"], true);

    let gap_id = items[0]["id"].as_str().unwrap();
    assert_eq!(app.delete(&format!("/bots/{bot_id}/knowledge-gaps/{gap_id}"), &a.access).await.status, 204);
    assert_eq!(app.get(&format!("/bots/{bot_id}/knowledge-gaps"), &a.access).await.body["items"], json!([]));
    // Another tenant cannot see or dismiss them.
    let b = app.register().await;
    assert_eq!(app.get(&format!("/bots/{bot_id}/knowledge-gaps"), &b.access).await.status, 404);
}

#[tokio::test]
async fn asking_for_a_person_hands_off_once_and_the_bot_stays_silent_until_resumed() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = clinic(&app, &a).await;
    let session = init(&app, bot["public_key"].as_str().unwrap(), None).await;
    let cid = session["conversation_id"].as_str().unwrap();
    let reply = send(&app, &session, "Bir yetkiliyle görüşmek istiyorum lütfen").await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.body["status"], "handed_off");
    assert_eq!(reply.body["reply"]["content"], bot["handoff_message"]);
    assert_eq!(reply.body["ask_contact"], true);

    let silent = send(&app, &session, "Cumartesi açık mısınız?").await;
    assert_eq!(silent.status, 200);
    assert!(silent.body["reply"].is_null(), "{}", silent.text);
    assert_eq!(silent.body["status"], "handed_off");

    // The operator answers; the widget sees it on its next poll.
    let last_seen = silent.body["user_message"]["id"].as_str().unwrap();
    let op = app
        .post(&format!("/conversations/{cid}/messages"), Some(&a.access), json!({ "content": "Merhaba, ben Ayşe." }))
        .await;
    assert_eq!(op.status, 201, "{}", op.text);
    let polled = app
        .request(
            "GET",
            &format!("/public/chat/messages?conversation_id={cid}&after={last_seen}"),
            session["visitor_token"].as_str(),
            &[],
            vec![],
        )
        .await;
    let items = polled.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", polled.text);
    assert_eq!(items[0]["sender"], "operator");

    // Resumed by the operator: the bot answers again.
    app.post(&format!("/conversations/{cid}/handoff"), Some(&a.access), json!({ "active": false })).await;
    let back = send(&app, &session, "Cumartesi açık mısınız?").await;
    assert!(back.body["reply"]["content"].as_str().unwrap().contains("10:00-16:00"), "{}", back.text);
    let stats = app.get("/stats/overview", &a.access).await;
    assert_eq!(stats.body["handoffs"]["total"], 1);
}

#[tokio::test]
async fn a_visitor_can_reach_only_its_own_conversation() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = clinic(&app, &a).await;
    let key = bot["public_key"].as_str().unwrap();
    let mine = init(&app, key, None).await;
    let theirs = init(&app, key, None).await;
    // My token, their conversation id.
    let reply = app
        .post(
            "/public/chat/send",
            mine["visitor_token"].as_str(),
            json!({ "conversation_id": theirs["conversation_id"], "message": "merhaba" }),
        )
        .await;
    assert_eq!(reply.status, 404, "{}", reply.text);
    let read = app
        .request(
            "GET",
            &format!("/public/chat/messages?conversation_id={}", theirs["conversation_id"].as_str().unwrap()),
            mine["visitor_token"].as_str(),
            &[],
            vec![],
        )
        .await;
    assert_eq!(read.status, 404);
    // No token, or a forged one.
    let none = app
        .post("/public/chat/send", None, json!({ "conversation_id": mine["conversation_id"], "message": "x" }))
        .await;
    assert_eq!(none.status, 401);
    let forged = app
        .post(
            "/public/chat/send",
            Some("eyJhbGciOiJIUzI1NiJ9.e30.x"),
            json!({ "conversation_id": mine["conversation_id"], "message": "x" }),
        )
        .await;
    assert_eq!((forged.status, forged.code()), (401, "invalid_token"));
    // A dashboard access token is not a visitor token.
    let dash = app
        .post(
            "/public/chat/send",
            Some(&a.access),
            json!({ "conversation_id": mine["conversation_id"], "message": "x" }),
        )
        .await;
    assert_eq!(dash.status, 401);
}

#[tokio::test]
async fn unknown_inactive_or_foreign_origin_bots_are_refused() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = clinic(&app, &a).await;
    let key = bot["public_key"].as_str().unwrap();
    let bot_id = bot["id"].as_str().unwrap();
    let unknown = app.post("/public/chat/init", None, json!({ "bot_public_key": "pk_nope" })).await;
    assert_eq!((unknown.status, unknown.code()), (404, "not_found"));

    app.put(&format!("/bots/{bot_id}"), &a.access, json!({ "allowed_origins": ["https://klinik.example.com"] })).await;
    let origin = |o: &'static str| [("content-type", "application/json"), ("origin", o)];
    let body = json!({ "bot_public_key": key }).to_string().into_bytes();
    let foreign =
        app.request("POST", "/public/chat/init", None, &origin("https://evil.example.com"), body.clone()).await;
    assert_eq!((foreign.status, foreign.code()), (403, "origin_not_allowed"));
    let allowed =
        app.request("POST", "/public/chat/init", None, &origin("https://klinik.example.com"), body.clone()).await;
    assert_eq!(allowed.status, 200, "{}", allowed.text);
    assert_eq!(allowed.headers["access-control-allow-origin"], "https://klinik.example.com");

    app.put(&format!("/bots/{bot_id}"), &a.access, json!({ "is_active": false })).await;
    let inactive = app.request("POST", "/public/chat/init", None, &origin("https://klinik.example.com"), body).await;
    assert_eq!((inactive.status, inactive.code()), (404, "not_found"));
    assert_eq!(inactive.body["detail"], unknown.body["detail"], "inactive looks exactly like unknown");
}

#[tokio::test]
async fn messages_are_validated_and_limited_per_minute_and_per_month() {
    let app = TestApp::spawn_with(|key| match key {
        "PUBLIC_MESSAGES_PER_MINUTE" => Some("3".into()),
        _ => None,
    })
    .await;
    let a = app.register().await;
    let bot = clinic(&app, &a).await;
    let session = init(&app, bot["public_key"].as_str().unwrap(), None).await;
    let long = send(&app, &session, &"ç".repeat(2001)).await;
    assert_eq!(long.status, 422);
    assert_eq!(long.error_fields(), ["message"]);
    let empty = send(&app, &session, "   ").await;
    assert_eq!(empty.status, 422);
    for _ in 0..3 {
        assert_eq!(send(&app, &session, "Merhaba").await.status, 200);
    }
    let limited = send(&app, &session, "Merhaba").await;
    assert_eq!((limited.status, limited.code()), (429, "rate_limited"), "{}", limited.text);
    assert!(limited.headers.contains_key("retry-after"));
    assert!(limited.body["detail"].as_str().unwrap().contains("bekleyip"), "Turkish for a Turkish bot");
    let cid = session["conversation_id"].as_str().unwrap();
    let stored = app.get(&format!("/conversations/{cid}/messages"), &a.access).await;
    assert_eq!(stored.body["items"].as_array().unwrap().len(), 6, "refused messages are not stored");

    let quota = TestApp::spawn_with(|key| match key {
        "MONTHLY_MESSAGE_QUOTA" => Some("2".into()),
        _ => None,
    })
    .await;
    let q = quota.register().await;
    let bot = clinic(&quota, &q).await;
    let session = init(&quota, bot["public_key"].as_str().unwrap(), None).await;
    assert_eq!(send(&quota, &session, "Merhaba").await.status, 200);
    assert_eq!(send(&quota, &session, "Merhaba").await.status, 200);
    let over = send(&quota, &session, "Merhaba").await;
    assert_eq!((over.status, over.code()), (429, "quota_exceeded"), "{}", over.text);
    let retry: u64 = over.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 31 * 24 * 3600);
}

#[tokio::test]
async fn the_lead_form_validates_normalises_merges_and_links() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = clinic(&app, &a).await;
    let key = bot["public_key"].as_str().unwrap();
    let session = init(&app, key, None).await;
    let bad = app
        .post("/public/leads", None, json!({ "bot_public_key": key, "name": "", "email": "nope", "phone": "12" }))
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.error_fields(), ["name", "email", "phone"]);
    let neither = app.post("/public/leads", None, json!({ "bot_public_key": key, "name": "Ali" })).await;
    assert_eq!(neither.status, 422);

    let first = app
        .post(
            "/public/leads",
            session["visitor_token"].as_str(),
            json!({ "bot_public_key": key, "name": "Ayşe Kaya", "phone": "0532 123 45 67", "conversation_id": session["conversation_id"] }),
        )
        .await;
    assert_eq!(first.status, 201, "{}", first.text);
    // The same phone written another way, now with an email and another name: the answer
    // reveals nothing, and the existing lead's details are not overwritten; the submission is
    // kept as a dated line in its notes for the team.
    let second = app
        .post("/public/leads", None, json!({ "bot_public_key": key, "name": "Başkası", "phone": "+90 (532) 123-4567", "email": "ayse@example.com" }))
        .await;
    assert_eq!(second.status, 201, "{}", second.text);
    assert_eq!(first.body, json!({ "received": true }));
    assert_eq!(second.body, first.body, "the same answer whether or not a lead existed");
    let leads = app.get("/leads", &a.access).await;
    let items = leads.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!((items[0]["name"].as_str(), items[0]["phone"].as_str()), (Some("Ayşe Kaya"), Some("+905321234567")));
    assert!(items[0]["email"].is_null(), "not set from anonymous input");
    let notes = items[0]["notes"].as_str().unwrap();
    assert!(notes.contains("web formu: Başkası · ayse@example.com · +905321234567"), "{notes}");
    assert_eq!(items[0]["conversation_id"], session["conversation_id"]);
    let cid = session["conversation_id"].as_str().unwrap();
    let conversation = app.get(&format!("/conversations/{cid}"), &a.access).await;
    assert_eq!(conversation.body["has_lead"], true);

    // Linking to a conversation needs that conversation's token.
    let other = init(&app, key, None).await;
    let hijack = app
        .post(
            "/public/leads",
            session["visitor_token"].as_str(),
            json!({ "bot_public_key": key, "name": "X", "email": "x@example.com", "conversation_id": other["conversation_id"] }),
        )
        .await;
    assert_eq!(hijack.status, 404);

    // Repeated submissions cannot grow a lead without bound.
    for _ in 0..60 {
        let r = app
            .request(
                "POST",
                "/public/leads",
                None,
                &[("content-type", "application/json")],
                json!({ "bot_public_key": key, "name": "Doldurucu", "phone": "0532 123 45 67", "note": "x".repeat(1000) })
                    .to_string()
                    .into_bytes(),
            )
            .await;
        assert!(r.status == 201 || r.status == 429, "{}", r.text);
    }
    let grown = app.get("/leads", &a.access).await.body["items"][0]["notes"].as_str().unwrap().chars().count();
    assert!(
        (3_000..=shared::store::leads::MAX_NOTES_CHARS).contains(&grown),
        "filled up to the cap, not past it: {grown}"
    );
}

#[tokio::test]
async fn the_test_panel_answers_with_sources_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = clinic(&app, &a).await;
    let bot_id = bot["id"].as_str().unwrap();
    // Only its metering (the usage count and the per-user limit's counter) is written.
    let count = || async {
        app.all_items()
            .await
            .into_iter()
            .filter(|i| {
                !matches!(i.get("type").and_then(|t| t.as_s().ok()).map(String::as_str), Some("usage" | "rate_limit"))
            })
            .count()
    };
    let before = count().await;
    let reply = app
        .post(&format!("/bots/{bot_id}/test"), Some(&a.access), json!({ "message": "Implant fiyatı ne kadar?" }))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.body["mode"], "faq");
    let sources = reply.body["sources"].as_array().unwrap();
    assert!(!sources.is_empty());
    assert!(sources[0]["title"].as_str().unwrap().contains("mplant"), "{sources:?}");
    assert!(reply.body["confidence"].as_f64().unwrap() > 0.0);
    assert_eq!(count().await, before, "nothing stored");
    let empty = app.post(&format!("/bots/{bot_id}/test"), Some(&a.access), json!({ "message": "" })).await;
    assert_eq!(empty.status, 422);
}

#[tokio::test]
async fn a_10000_message_conversation_costs_what_a_new_one_costs_and_pages_exactly_once() {
    use shared::store::conversations::{self, Message, Sender};
    use shared::store::{batch, n, to_item};
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = clinic(&app, &a).await;
    let key = bot["public_key"].as_str().unwrap();
    let fresh = init(&app, key, None).await;
    let long = init(&app, key, None).await;
    let cid = &shared::ids::ConversationId::from(long["conversation_id"].as_str().unwrap());

    // 10,000 earlier messages, written straight to the table, 25 to a call.
    let items = (0..10_000)
        .map(|i| {
            let sender = if i % 2 == 0 { Sender::User } else { Sender::Bot };
            let m = Message::new(cid, sender, format!("Mesaj {i}"));
            to_item(&m, shared::keys::message(&a.tenant_id, cid, &m.id), "message").unwrap()
        })
        .collect();
    batch::put_items(&app.state, items).await.unwrap();
    let conversation = conversations::get_conversation(&app.state, &a.tenant_id, cid).await.unwrap().unwrap();
    conversations::set_fields(&app.state, &conversation, &[("message_count", n(10_000))]).await.unwrap();

    // Same question, warm container: the long conversation costs exactly what a new one does
    // (the AI reads a fixed window of recent messages, never the whole history).
    assert_eq!(send(&app, &fresh, "Merhaba").await.status, 200);
    let question = "Cumartesi günü açık mısınız?";
    app.state.aws_calls.take();
    let small = send(&app, &fresh, question).await;
    let small_calls = app.state.aws_calls.take();
    let big = send(&app, &long, question).await;
    let big_calls = app.state.aws_calls.take();
    assert_eq!(big.status, 200, "{}", big.text);
    assert_eq!(big.body["reply"]["content"], small.body["reply"]["content"]);
    println!("chat send, 2 messages: {small_calls:?}; 10,000 messages: {big_calls:?}");
    assert_eq!(big_calls, small_calls);

    // The dashboard pages through all of it in order, each message once.
    let started = std::time::Instant::now();
    let listed = app.collect_pages(&format!("/conversations/{cid}/messages?limit=100"), &a.access).await;
    println!("10,002 messages in 101 pages against moto: {:.1} s", started.elapsed().as_secs_f64());
    let ids: Vec<&str> = listed.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 10_002);
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "chronological, no repeats");
    assert_eq!(listed[10_000]["content"], question);
    assert_eq!(listed[10_001]["sender"], "bot");
    let bot_id = bot["id"].as_str().unwrap();
    let list = app.get(&format!("/bots/{bot_id}/conversations"), &a.access).await;
    let row = list.body["items"].as_array().unwrap().iter().find(|c| c["id"] == cid.as_str()).unwrap().clone();
    assert_eq!(row["message_count"], 10_002);

    // The widget's poll after its last message reads nothing old: one query, no items.
    app.state.aws_calls.take();
    let last = ids[10_001];
    let poll = app
        .call(
            "GET",
            &format!("/public/chat/messages?conversation_id={cid}&after={last}"),
            long["visitor_token"].as_str(),
            None,
        )
        .await;
    assert_eq!(poll.status, 200, "{}", poll.text);
    assert_eq!(poll.body["items"], json!([]));
    let calls = app.state.aws_calls.take();
    assert_eq!(calls.get("DynamoDB.Query"), Some(&1), "{calls:?}");
}

#[tokio::test]
async fn rotating_the_bots_key_cuts_off_visitor_tokens_issued_under_the_old_one() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = clinic(&app, &a).await;
    let session = init(&app, bot["public_key"].as_str().unwrap(), None).await;
    assert_eq!(send(&app, &session, "Cumartesi açık mısınız?").await.status, 200);
    let rotated =
        app.post(&format!("/bots/{}/rotate-key", bot["id"].as_str().unwrap()), Some(&a.access), json!({})).await;
    assert_eq!(rotated.status, 200, "{}", rotated.text);
    let cut = send(&app, &session, "Peki pazar?").await;
    assert_eq!((cut.status, cut.code()), (401, "invalid_token"), "{}", cut.text);
    let messages = app
        .request(
            "GET",
            &format!("/public/chat/messages?conversation_id={}", session["conversation_id"].as_str().unwrap()),
            session["visitor_token"].as_str(),
            &[],
            vec![],
        )
        .await;
    assert_eq!(messages.status, 401);
    // A visitor who starts again under the new key carries on.
    let fresh = init(&app, rotated.body["public_key"].as_str().unwrap(), None).await;
    assert_eq!(send(&app, &fresh, "Peki pazar?").await.status, 200);
}

#[tokio::test]
async fn visitors_spending_the_widget_budget_leave_whatsapp_its_own_and_the_owner_is_told_at_80_and_100_percent() {
    let app = TestApp::spawn_with(|key| match key {
        "MONTHLY_WIDGET_QUOTA" => Some("5".into()),
        "MONTHLY_WHATSAPP_QUOTA" => Some("5".into()),
        _ => None,
    })
    .await;
    let a = app.register().await;
    let bot = clinic(&app, &a).await;
    let key = bot["public_key"].as_str().unwrap();
    let subjects = |mails: Vec<Value>| -> Vec<String> {
        mails
            .iter()
            .map(|m| m["subject"].as_str().unwrap_or_default().to_string())
            .filter(|s| s.contains("kota"))
            .collect()
    };
    // Visitors from many places, each in a conversation of their own.
    for i in 0..5 {
        let session = init(&app, key, None).await;
        assert_eq!(send(&app, &session, "Merhaba").await.status, 200, "answer {i}");
        let warned = subjects(app.mails_to(&a.email).await);
        match i {
            0..=2 => assert!(warned.is_empty(), "{warned:?}"),
            3 => assert_eq!(warned.len(), 1, "80 % reached at the 4th answer: {warned:?}"),
            _ => assert_eq!(warned.len(), 2, "{warned:?}"),
        }
    }
    let warned = subjects(app.mails_to(&a.email).await);
    assert!(warned[0].contains("%80") && warned[1].contains("%100"), "{warned:?}");
    let over = send(&app, &init(&app, key, None).await, "Merhaba").await;
    assert_eq!((over.status, over.code()), (429, "quota_exceeded"));

    // WhatsApp's budget is untouched by the widget's visitors.
    let stats = app.get("/stats/overview", &a.access).await;
    assert_eq!(stats.body["usage"]["widget"], json!({ "used": 5, "limit": 5, "percent": 100 }));
    assert_eq!(stats.body["usage"]["whatsapp"]["used"], 0);
    let bot_record = shared::store::bots::get_bot(&app.state, &a.tenant_id, &bot["id"].as_str().unwrap().into())
        .await
        .unwrap()
        .unwrap();
    for _ in 0..5 {
        let spent = shared::budget::spend(&app.state, &bot_record, shared::budget::Channel::Whatsapp).await.unwrap();
        assert_eq!(spent, Ok(()));
    }
    assert!(shared::budget::spend(&app.state, &bot_record, shared::budget::Channel::Whatsapp).await.unwrap().is_err());
    let stats = app.get("/stats/overview", &a.access).await;
    assert_eq!(stats.body["usage"]["whatsapp"]["used"], 5);
    assert_eq!(subjects(app.mails_to(&a.email).await).len(), 4, "WhatsApp's 80 % and 100 % mails too");
}

#[tokio::test]
async fn one_conversation_gets_a_bounded_number_of_answers_a_day_and_the_test_panel_is_metered() {
    let app = TestApp::spawn_with(|key| match key {
        "CONVERSATION_DAILY_ANSWERS" => Some("3".into()),
        _ => None,
    })
    .await;
    let a = app.register().await;
    let bot = clinic(&app, &a).await;
    let session = init(&app, bot["public_key"].as_str().unwrap(), None).await;
    for _ in 0..3 {
        assert_eq!(send(&app, &session, "Merhaba").await.status, 200);
    }
    let over = send(&app, &session, "Merhaba").await;
    assert_eq!((over.status, over.code()), (429, "quota_exceeded"), "{}", over.text);
    let other = init(&app, bot["public_key"].as_str().unwrap(), None).await;
    assert_eq!(send(&app, &other, "Merhaba").await.status, 200, "another conversation is not affected");

    let bot_id = bot["id"].as_str().unwrap();
    let test = app.post(&format!("/bots/{bot_id}/test"), Some(&a.access), json!({ "message": "Fiyatlar?" })).await;
    assert_eq!(test.status, 200, "{}", test.text);
    let stats = app.get("/stats/overview", &a.access).await;
    assert_eq!(stats.body["usage"]["widget"]["used"], 5, "3 + 1 widget answers and 1 test-panel answer");
    let test_path = format!("/bots/{bot_id}/test");
    let replies = futures::future::join_all(
        (0..35).map(|_| app.post(&test_path, Some(&a.access), json!({ "message": "Merhaba" }))),
    )
    .await;
    let limited = replies.iter().filter(|r| r.status == 429).count();
    assert!((1..=6).contains(&limited), "30 test messages a minute per user: {limited} of 35 refused");
}

#[tokio::test]
async fn contact_details_typed_in_the_chat_become_the_lead_and_never_a_knowledge_gap() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = clinic(&app, &a).await;
    let bot_id = bot["id"].as_str().unwrap();
    let session = init(&app, bot["public_key"].as_str().unwrap(), None).await;

    // The bot asks for details: the widget is told to offer its form.
    let asked = send(&app, &session, "Nasıl randevu alabilirim?").await;
    assert_eq!(asked.status, 200, "{}", asked.text);
    assert_eq!(asked.body["ask_contact"], true, "{}", asked.text);

    let given = send(&app, &session, "Adım Ali Kaya, telefonum 0532 999 88 77").await;
    assert_eq!(given.status, 200, "{}", given.text);
    let reply = given.body["reply"]["content"].as_str().unwrap();
    assert!(reply.contains("Ali Kaya") && reply.contains("Teşekkürler"), "{reply}");
    let leads = app.get("/leads", &a.access).await;
    let lead = &leads.body["items"][0];
    assert_eq!(
        (lead["name"].as_str(), lead["phone"].as_str()),
        (Some("Ali Kaya"), Some("+905329998877")),
        "{}",
        leads.text
    );
    assert_eq!(lead["conversation_id"], session["conversation_id"]);

    // A later e-mail fills the same lead; nothing personal reaches the knowledge gaps.
    send(&app, &session, "mail adresim de ali.kaya@example.com").await;
    let leads = app.get("/leads", &a.access).await;
    assert_eq!(leads.body["items"].as_array().unwrap().len(), 1, "{}", leads.text);
    assert_eq!(leads.body["items"][0]["email"], "ali.kaya@example.com");
    let gaps = app.get(&format!("/bots/{bot_id}/knowledge-gaps"), &a.access).await;
    assert!(!gaps.text.contains("999") && !gaps.text.contains("ali.kaya"), "{}", gaps.text);

    // Another visitor typing Ali's number cannot rename or take over his lead: a note is added.
    let other = init(&app, bot["public_key"].as_str().unwrap(), None).await;
    let hostile = send(&app, &other, "Adım Mehmet Sahte, numaram 0532 999 88 77").await;
    assert_eq!(hostile.status, 200);
    let leads = app.get("/leads", &a.access).await;
    let items = leads.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", leads.text);
    assert_eq!(items[0]["name"], "Ali Kaya");
    assert_eq!(items[0]["conversation_id"], session["conversation_id"]);
    assert!(items[0]["notes"].as_str().unwrap().contains("Mehmet Sahte"), "{}", leads.text);
}

#[tokio::test]
async fn the_team_teaches_the_bot_from_its_gaps_an_item_learns_a_question_and_a_reply_becomes_an_answer() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = clinic(&app, &a).await;
    let bot_id = bot["id"].as_str().unwrap();
    let session = init(&app, bot["public_key"].as_str().unwrap(), None).await;
    let asked = send(&app, &session, "Kliniğe köpeğimle gelebilir miyim?").await;
    assert_eq!(asked.status, 200, "{}", asked.text);

    // A person answers in the conversation: the reply is kept on the gap.
    let cid = session["conversation_id"].as_str().unwrap();
    let reply = app
        .post(
            &format!("/conversations/{cid}/messages"),
            Some(&a.access),
            json!({ "content": "Evcil hayvanlar maalesef kliniğe giremiyor." }),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    let gaps = app.get(&format!("/bots/{bot_id}/knowledge-gaps"), &a.access).await;
    let gap = gaps.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["question"] == "Kliniğe köpeğimle gelebilir miyim?")
        .cloned()
        .unwrap();
    assert_eq!(gap["operator_reply"], "Evcil hayvanlar maalesef kliniğe giremiyor.");

    // Attached to an existing item, the question is answered from then on and the gap is gone.
    let items = app.collect_pages(&format!("/bots/{bot_id}/knowledge"), &a.access).await;
    let parking = items.iter().find(|i| i["title"].as_str().unwrap().contains("Otopark")).unwrap();
    let gap_id = gap["id"].as_str().unwrap();
    let foreign = app.register().await;
    let stolen = app
        .post(
            &format!("/bots/{bot_id}/knowledge-gaps/{gap_id}/attach"),
            Some(&foreign.access),
            json!({ "item_id": parking["id"] }),
        )
        .await;
    assert_eq!(stolen.status, 404, "another tenant's gap: {}", stolen.text);
    let attached = app
        .post(
            &format!("/bots/{bot_id}/knowledge-gaps/{gap_id}/attach"),
            Some(&a.access),
            json!({ "item_id": parking["id"] }),
        )
        .await;
    assert_eq!(attached.status, 200, "{}", attached.text);
    assert_eq!(attached.body["alternatives"], json!(["Kliniğe köpeğimle gelebilir miyim?"]));
    let gaps = app.get(&format!("/bots/{bot_id}/knowledge-gaps"), &a.access).await;
    assert!(!gaps.text.contains("köpeğimle"), "{}", gaps.text);
    let again =
        send(&app, &init(&app, bot["public_key"].as_str().unwrap(), None).await, "Kliniğe köpeğimle gelebilir miyim?")
            .await;
    assert_eq!(again.body["reply"]["content"], parking["answer"], "{}", again.text);

    let missing = app
        .post(
            &format!("/bots/{bot_id}/knowledge-gaps/{gap_id}/attach"),
            Some(&a.access),
            json!({ "item_id": parking["id"] }),
        )
        .await;
    assert_eq!(missing.status, 404, "the gap is gone");
}
