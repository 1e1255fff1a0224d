//! The team's inbox: views over every bot and channel, assignment, resolving, reading, notes
//! and saved replies.

use std::collections::BTreeSet;

use futures::StreamExt;
use serde_json::{Value, json};
use shared::auth::Role;
use shared::store::conversations::{self, Conversation, Message, Sender, Source};
use testkit::{Account, TestApp};

/// A conversation of `bot_id` on `source` with one customer message per text.
async fn conversation(
    app: &TestApp,
    owner: &Account,
    bot_id: &str,
    source: Source,
    who: &str,
    texts: &[&str],
) -> Conversation {
    let (mut c, _) =
        conversations::find_or_create(&app.state, &owner.tenant_id, &bot_id.into(), source, who, None).await.unwrap();
    for text in texts {
        c = conversations::append(&app.state, &c, &Message::new(&c.id, Sender::User, *text)).await.unwrap();
    }
    c
}

fn ids(items: &[Value]) -> Vec<String> {
    items.iter().map(|c| c["id"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn every_view_lists_each_of_a_few_hundred_conversations_once_in_order_and_counts_match_a_recount() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let agent = app.member_of(&owner, Role::Agent).await;
    let bots: Vec<String> = [app.create_bot(&owner, "Kadıköy").await, app.create_bot(&owner, "Moda").await]
        .iter()
        .map(|b| b["id"].as_str().unwrap().to_string())
        .collect();
    const N: usize = 220;
    let made: Vec<Conversation> = futures::stream::iter(0..N)
        .map(|i| {
            let (app, owner, bots) = (&app, &owner, &bots);
            async move {
                let source = if i % 3 == 0 { Source::Whatsapp } else { Source::WebWidget };
                let who = if source == Source::Whatsapp { format!("90532{i:07}") } else { format!("visitor-{i}") };
                conversation(app, owner, &bots[i % 2], source, &who, &["Merhaba"]).await
            }
        })
        .buffer_unordered(12)
        .collect()
        .await;
    // A mixed workload through the API: resolved, handed off, flagged, assigned to either member.
    for (i, c) in made.iter().enumerate() {
        let path = format!("/conversations/{}", c.id);
        if i % 7 == 0 {
            assert_eq!(app.act(&agent, "POST", &format!("{path}/resolve"), None).await.status, 200);
            continue;
        }
        if i % 6 == 0 {
            let r = app.act(&agent, "POST", &format!("{path}/handoff"), Some(json!({ "active": true }))).await;
            assert_eq!(r.status, 200);
        }
        if i % 4 == 0 {
            conversations::set_needs_attention(&app.state, c, true).await.unwrap();
        }
        let assignee = match (i % 5, i % 11) {
            (0, _) => Some(&owner),
            (_, 0) => Some(&agent),
            _ => None,
        };
        if let Some(member) = assignee {
            let r = app
                .act(&agent, "PUT", &format!("{path}/assignee"), Some(json!({ "assignee_id": member.user_id })))
                .await;
            assert_eq!(r.status, 200, "{}", r.text);
        }
    }
    // Three customers write again, oldest first: they lead the open view, newest on top.
    let again = [&made[1], &made[2], &made[4]];
    for c in again {
        let now = conversations::get_conversation(&app.state, &owner.tenant_id, &c.id).await.unwrap().unwrap();
        conversations::append(&app.state, &now, &Message::new(&c.id, Sender::User, "Bir sorum daha var"))
            .await
            .unwrap();
    }

    // The truth, read back one by one.
    let mut truth = Vec::new();
    for c in &made {
        let r = app.act(&owner, "GET", &format!("/conversations/{}", c.id), None).await;
        truth.push(r.body);
    }
    let open = |c: &Value| c["status"] != "closed";
    let expect = |keep: &dyn Fn(&Value) -> bool| -> BTreeSet<String> {
        truth.iter().filter(|c| keep(c)).map(|c| c["id"].as_str().unwrap().to_string()).collect()
    };
    let owner_id = owner.user_id.as_str();
    let cases: Vec<(String, BTreeSet<String>)> = vec![
        ("view=open".into(), expect(&|c| open(c))),
        ("view=resolved".into(), expect(&|c| !open(c))),
        ("view=attention".into(), expect(&|c| open(c) && c["needs_attention"] == true)),
        ("view=handed_off".into(), expect(&|c| c["status"] == "handed_off")),
        ("view=mine".into(), expect(&|c| open(c) && c["assignee_id"] == owner_id)),
        ("view=unassigned".into(), expect(&|c| open(c) && c.get("assignee_id").is_none())),
        ("view=open&source=whatsapp".into(), expect(&|c| open(c) && c["source"] == "whatsapp")),
        (format!("view=open&bot_id={}", bots[1]), expect(&|c| open(c) && c["bot_id"] == bots[1].as_str())),
        (
            format!("view=unassigned&source=web_widget&bot_id={}", bots[0]),
            expect(&|c| {
                open(c)
                    && c.get("assignee_id").is_none()
                    && c["source"] == "web_widget"
                    && c["bot_id"] == bots[0].as_str()
            }),
        ),
    ];
    for (query, expected) in &cases {
        let listed = app.collect_pages(&format!("/inbox?{query}&limit=9"), &owner.access).await;
        let got = ids(&listed);
        let unique: BTreeSet<String> = got.iter().cloned().collect();
        assert_eq!(unique.len(), got.len(), "{query}: a conversation listed twice");
        assert_eq!(&unique, expected, "{query}");
        assert!(!expected.is_empty(), "{query}: the workload covers every view");
        let times: Vec<&str> = listed.iter().map(|c| c["last_inbound_at"].as_str().unwrap()).collect();
        assert!(times.windows(2).all(|w| w[0] >= w[1]), "{query}: latest customer message first");
    }
    let first =
        ids(&app.get("/inbox?view=open&limit=3", &owner.access).await.body["items"].as_array().unwrap().clone());
    let expected_first: Vec<String> = again.iter().rev().map(|c| c.id.to_string()).collect();
    assert_eq!(first, expected_first, "the customers who wrote last are on top");

    // The counts equal a recount, for each member ("mine" is the caller's).
    for member in [&owner, &agent] {
        let summary = app.act(member, "GET", "/inbox/summary", None).await.body;
        let counts = &summary["counts"];
        let me = member.user_id.as_str();
        let recount = |keep: &dyn Fn(&Value) -> bool| {
            let set: Vec<&Value> = truth.iter().filter(|c| open(c) && keep(c)).collect();
            json!({ "conversations": set.len(), "unread": set.iter().filter(|c| c["unread"].as_u64() > Some(0)).count() })
        };
        assert_eq!(counts["open"], recount(&|_| true));
        assert_eq!(counts["attention"], recount(&|c| c["needs_attention"] == true));
        assert_eq!(counts["handed_off"], recount(&|c| c["status"] == "handed_off"));
        assert_eq!(counts["mine"], recount(&|c| c["assignee_id"] == me));
        assert_eq!(counts["unassigned"], recount(&|c| c.get("assignee_id").is_none()));
        let unread: u64 = truth.iter().filter(|c| open(c)).map(|c| c["unread"].as_u64().unwrap()).sum();
        assert_eq!(counts["unread_messages"], unread);
    }

    // A careless client: a bad view, another tenant's bot, a cursor from another view.
    assert_eq!(app.get("/inbox?view=everything", &owner.access).await.code(), "invalid_parameter");
    let other = app.register().await;
    let other_bot = app.create_bot(&other, "x").await["id"].as_str().unwrap().to_string();
    assert_eq!(app.get(&format!("/inbox?bot_id={other_bot}"), &owner.access).await.status, 404);
    let page = app.get("/inbox?view=open&limit=2", &owner.access).await.body;
    let cursor = page["next_cursor"].as_str().unwrap();
    let reused = app.get(&format!("/inbox?view=resolved&limit=2&cursor={cursor}"), &owner.access).await;
    assert_eq!(reused.code(), "invalid_cursor");
    let stolen = app.get(&format!("/inbox?view=open&limit=2&cursor={cursor}"), &other.access).await;
    assert_eq!(stolen.code(), "invalid_cursor");
    assert_eq!(app.get("/inbox", &other.access).await.body["items"], json!([]), "another tenant sees none of it");
}

#[tokio::test]
async fn two_members_taking_a_conversation_at_once_one_wins() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let agent = app.member_of(&owner, Role::Agent).await;
    let bot = app.create_bot(&owner, "Resepsiyon").await;
    let c = conversation(&app, &owner, bot["id"].as_str().unwrap(), Source::WebWidget, "v1", &["Merhaba"]).await;
    let path = format!("/conversations/{}/assignee", c.id);

    for _round in 0..3 {
        let takes = futures::future::join_all((0..8).map(|i| {
            let member = if i % 2 == 0 { &owner } else { &agent };
            app.act(member, "PUT", &path, Some(json!({ "assignee_id": member.user_id })))
        }))
        .await;
        let won: Vec<&testkit::Reply> = takes.iter().filter(|r| r.status == 200).collect();
        let winner = won[0].body["assignee_id"].clone();
        // The winner's own repeats are answered as done; the other member is refused.
        assert!(won.iter().all(|r| r.body["assignee_id"] == winner));
        let lost: Vec<&testkit::Reply> = takes.iter().filter(|r| r.status != 200).collect();
        assert!(!lost.is_empty(), "both members tried");
        assert!(lost.iter().all(|r| r.status == 409 && r.code() == "assignment_changed"), "{:?}", lost[0].text);
        let stored = app.get(&format!("/conversations/{}", c.id), &owner.access).await.body;
        assert_eq!(stored["assignee_id"], winner);
        // Released by whoever holds it (saying so), free for the next round.
        let holder = if winner == owner.user_id.as_str() { &owner } else { &agent };
        let released =
            app.act(holder, "PUT", &path, Some(json!({ "assignee_id": null, "expected_assignee_id": winner }))).await;
        assert_eq!(released.status, 200, "{}", released.text);
        assert!(released.body.get("assignee_id").is_none());
    }

    // Giving it from one member to another names who the caller saw.
    app.act(&agent, "PUT", &path, Some(json!({ "assignee_id": agent.user_id }))).await;
    let blind = app.act(&owner, "PUT", &path, Some(json!({ "assignee_id": owner.user_id }))).await;
    assert_eq!(blind.code(), "assignment_changed", "the owner did not know the agent had it");
    let given = app
        .act(&owner, "PUT", &path, Some(json!({ "assignee_id": owner.user_id, "expected_assignee_id": agent.user_id })))
        .await;
    assert_eq!(given.body["assignee_id"], owner.user_id.as_str());

    // Only members of this business; nothing of another business.
    let stranger = app.register().await;
    let outsider = app
        .act(
            &owner,
            "PUT",
            &path,
            Some(json!({ "assignee_id": stranger.user_id, "expected_assignee_id": owner.user_id })),
        )
        .await;
    assert_eq!((outsider.status, outsider.error_fields()), (422, vec!["assignee_id".to_string()]));
    let theirs = app.put(&path, &stranger.access, json!({ "assignee_id": stranger.user_id })).await;
    assert_eq!(theirs.status, 404);
    let hostile = app.put(&path, &owner.access, json!({ "assignee_id": owner.user_id, "role": "owner" })).await;
    assert_eq!((hostile.status, hostile.error_fields()), (422, vec!["role".to_string()]), "unknown fields are refused");
}

#[tokio::test]
async fn a_resolved_conversation_reopens_for_the_team_when_the_customer_writes_and_the_bot_stays_silent() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let bot = app.create_bot(&owner, "Klinik").await;
    let bot_id = bot["id"].as_str().unwrap();
    app.import_clinic_knowledge(&owner, bot_id).await;
    let session = app.widget_chat(&bot).await;
    let say = |text: &'static str| app.say(&session, text);
    let first = say("Çalışma saatleriniz nedir?").await;
    assert!(first["reply"].is_object(), "the bot answers an open conversation: {first}");
    let id = session["conversation_id"].as_str().unwrap();
    let c = app.get(&format!("/conversations/{id}"), &owner.access).await.body;
    assert_eq!((c["unread"].as_u64(), c["status"].as_str()), (Some(1), Some("bot")));

    // Read, resolved: out of the open inbox, into the resolved one.
    assert_eq!(app.call("POST", &format!("/conversations/{id}/read"), Some(&owner.access), None).await.status, 204);
    let resolved = app.call("POST", &format!("/conversations/{id}/resolve"), Some(&owner.access), None).await;
    assert_eq!((resolved.body["status"].as_str(), resolved.body["unread"].as_u64()), (Some("closed"), Some(0)));
    assert!(resolved.body["resolved_at"].is_string());
    assert_eq!(ids(app.get("/inbox", &owner.access).await.body["items"].as_array().unwrap()), Vec::<String>::new());
    assert_eq!(ids(app.get("/inbox?view=resolved", &owner.access).await.body["items"].as_array().unwrap()), [id]);

    // The customer writes again: the team has it back, flagged and unread; the bot is silent.
    let later = say("Bir şey daha soracaktım").await;
    assert!(later["reply"].is_null(), "no bot answer after resolving: {later}");
    let back = app.get(&format!("/conversations/{id}"), &owner.access).await.body;
    assert_eq!(back["status"], "handed_off");
    assert_eq!((back["needs_attention"].as_bool(), back["unread"].as_u64()), (Some(true), Some(1)));
    assert!(back.get("resolved_at").is_none());
    assert_eq!(ids(app.get("/inbox?view=attention", &owner.access).await.body["items"].as_array().unwrap()), [id]);
    // An operator's reply reads it; giving it back to the bot makes the bot answer again.
    let reply =
        app.post(&format!("/conversations/{id}/messages"), Some(&owner.access), json!({ "content": "Buyrun" })).await;
    assert_eq!(reply.status, 201);
    assert_eq!(app.get(&format!("/conversations/{id}"), &owner.access).await.body["unread"], 0);
    let resumed =
        app.post(&format!("/conversations/{id}/handoff"), Some(&owner.access), json!({ "active": false })).await;
    assert_eq!(resumed.body["status"], "bot");
    assert!(say("Adresiniz nerede?").await["reply"].is_object());

    // Resolved by an operator, reopened by an operator: with a person, not the bot.
    app.call("POST", &format!("/conversations/{id}/resolve"), Some(&owner.access), None).await;
    let reopened = app.call("POST", &format!("/conversations/{id}/reopen"), Some(&owner.access), None).await;
    assert_eq!(reopened.body["status"], "handed_off");
    let other = app.register().await;
    for action in ["resolve", "reopen", "read"] {
        let r = app.call("POST", &format!("/conversations/{id}/{action}"), Some(&other.access), None).await;
        assert_eq!(r.status, 404, "{action} on another business's conversation");
    }
}

#[tokio::test]
async fn the_summary_answers_unchanged_from_its_marker_and_counts_again_after_a_change() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let bot = app.create_bot(&owner, "Klinik").await;
    let bot_id = bot["id"].as_str().unwrap();
    let first = app.get("/inbox/summary", &owner.access).await.body;
    assert_eq!(first["changed"], true);
    let marker = first["marker"].as_u64().unwrap();
    let quiet = app.get(&format!("/inbox/summary?since={marker}"), &owner.access).await.body;
    assert_eq!(quiet, json!({ "marker": marker, "changed": false }));

    let c = conversation(&app, &owner, bot_id, Source::Whatsapp, "905321234567", &["Merhaba", "Orada mısınız?"]).await;
    let after = app.get(&format!("/inbox/summary?since={marker}"), &owner.access).await.body;
    assert_eq!(after["changed"], true);
    assert!(after["marker"].as_u64().unwrap() > marker);
    assert_eq!(after["counts"]["open"], json!({ "conversations": 1, "unread": 1 }));
    assert_eq!(after["counts"]["unread_messages"], 2);
    // The full number is there for the team to call back.
    let listed = app.get("/inbox", &owner.access).await.body;
    assert_eq!(listed["items"][0]["external_user_id"], "905321234567");

    // Reading, a note and an assignment each move the marker.
    let mut marker = after["marker"].as_u64().unwrap();
    let path = format!("/conversations/{}", c.id);
    for (method, action, body) in [
        ("POST", "read", None),
        ("POST", "notes", Some(json!({ "body": "Geri aranacak" }))),
        ("PUT", "assignee", Some(json!({ "assignee_id": owner.user_id }))),
    ] {
        let r = app.call(method, &format!("{path}/{action}"), Some(&owner.access), body).await;
        assert!(r.status < 300, "{action}: {}", r.text);
        let now = app.get(&format!("/inbox/summary?since={marker}"), &owner.access).await.body;
        assert_eq!(now["changed"], true, "{action}");
        marker = now["marker"].as_u64().unwrap();
    }
    let counts = app.get("/inbox/summary", &owner.access).await.body["counts"].clone();
    assert_eq!((counts["open"]["unread"].as_u64(), counts["mine"]["conversations"].as_u64()), (Some(0), Some(1)));
    assert_eq!(app.get("/inbox/summary?since=soon", &owner.access).await.code(), "invalid_parameter");
    // Another business's marker and counts are its own.
    let other = app.register().await;
    let theirs = app.get("/inbox/summary", &other.access).await.body;
    assert_eq!(theirs["counts"]["open"]["conversations"], 0);
}

#[tokio::test]
async fn internal_notes_stay_with_the_team_and_only_their_author_or_an_admin_deletes_them() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let agent = app.member_of(&owner, Role::Agent).await;
    let bot = app.create_bot(&owner, "Klinik").await;
    let c = conversation(&app, &owner, bot["id"].as_str().unwrap(), Source::WebWidget, "v9", &["Merhaba"]).await;
    let notes = format!("/conversations/{}/notes", c.id);

    let bad = app.act(&agent, "POST", &notes, Some(json!({ "body": "  " }))).await;
    assert_eq!((bad.status, bad.error_fields()), (422, vec!["body".to_string()]));
    let long = app.act(&agent, "POST", &notes, Some(json!({ "body": "a".repeat(2001) }))).await;
    assert_eq!(long.error_fields(), ["body"]);
    let by_agent = app.act(&agent, "POST", &notes, Some(json!({ "body": "Perşembe aranmak istiyor" }))).await;
    assert_eq!(by_agent.status, 201, "{}", by_agent.text);
    assert_eq!(by_agent.body["author_id"], agent.user_id.as_str());
    let by_owner = app.act(&owner, "POST", &notes, Some(json!({ "body": "Fiyat teklifi gönderildi" }))).await;
    let listed = app.act(&agent, "GET", &notes, None).await.body["items"].clone();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[0]["body"], "Perşembe aranmak istiyor", "oldest first");

    // Never part of the conversation the customer sees, nor its messages.
    let messages = app.get(&format!("/conversations/{}/messages", c.id), &owner.access).await.body;
    assert!(!messages.to_string().contains("Perşembe"), "a note is not a message");

    let owner_note = format!("{notes}/{}", by_owner.body["id"].as_str().unwrap());
    let agent_note = format!("{notes}/{}", by_agent.body["id"].as_str().unwrap());
    assert_eq!(app.act(&agent, "DELETE", &owner_note, None).await.status, 403, "not the agent's note");
    let other = app.register().await;
    assert_eq!(app.get(&notes, &other.access).await.status, 404);
    assert_eq!(app.delete(&agent_note, &other.access).await.status, 404);
    assert_eq!(app.act(&owner, "DELETE", &agent_note, None).await.status, 204, "an admin deletes anyone's");
    assert_eq!(app.act(&agent, "DELETE", &agent_note, None).await.status, 404, "already gone");
    assert_eq!(app.act(&owner, "DELETE", &owner_note, None).await.status, 204);
    assert_eq!(app.get(&notes, &owner.access).await.body["items"], json!([]));

    // Erasing the conversation erases its notes.
    app.act(&agent, "POST", &notes, Some(json!({ "body": "Telefonu 0532 000 00 00" }))).await;
    assert_eq!(app.delete(&format!("/conversations/{}", c.id), &owner.access).await.status, 204);
    let left: Vec<_> = app
        .all_items()
        .await
        .into_iter()
        .filter(|i| i.values().any(|v| v.as_s().is_ok_and(|s| s.contains(c.id.as_str()))))
        .map(|i| format!("{:?}", i.get("SK")))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[tokio::test]
async fn saved_replies_keep_their_shortcuts_unique_per_business_even_at_once() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let agent = app.member_of(&owner, Role::Agent).await;
    let body = |shortcut: &str| json!({ "shortcut": shortcut, "body": "Adresimiz Bağdat Caddesi No:12." });

    let attempts =
        futures::future::join_all((0..6).map(|_| app.act(&agent, "POST", "/saved-replies", Some(body("/Adres")))))
            .await;
    let statuses: Vec<u16> = attempts.iter().map(|r| r.status).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
    assert!(attempts.iter().filter(|r| r.status != 201).all(|r| r.code() == "validation_failed"));
    let created = attempts.iter().find(|r| r.status == 201).unwrap();
    assert_eq!(created.body["shortcut"], "adres", "lowercased, without the slash");
    let id = created.body["id"].as_str().unwrap();

    let second = app.post("/saved-replies", Some(&owner.access), body("fiyat")).await;
    assert_eq!(second.status, 201);
    let taken =
        app.put(&format!("/saved-replies/{}", second.body["id"].as_str().unwrap()), &owner.access, body("adres")).await;
    assert_eq!((taken.status, taken.error_fields()), (422, vec!["shortcut".to_string()]));
    // Renaming frees the old shortcut.
    let renamed = app.put(&format!("/saved-replies/{id}"), &owner.access, body("yol-tarifi")).await;
    assert_eq!(renamed.status, 200, "{}", renamed.text);
    assert_eq!(app.post("/saved-replies", Some(&owner.access), body("adres")).await.status, 201);
    let listed = app.act(&agent, "GET", "/saved-replies", None).await.body["items"].clone();
    let shortcuts: Vec<&str> = listed.as_array().unwrap().iter().map(|r| r["shortcut"].as_str().unwrap()).collect();
    assert_eq!(shortcuts, ["adres", "fiyat", "yol-tarifi"]);

    for bad in [json!({ "shortcut": "iki kelime", "body": "x" }), json!({ "shortcut": "x", "body": "" })] {
        let r = app.post("/saved-replies", Some(&owner.access), bad).await;
        assert_eq!(r.status, 422, "{}", r.text);
    }
    // Another business: none of it.
    let other = app.register().await;
    assert_eq!(app.put(&format!("/saved-replies/{id}"), &other.access, body("x")).await.status, 404);
    assert_eq!(app.delete(&format!("/saved-replies/{id}"), &other.access).await.status, 404);
    assert_eq!(
        app.post("/saved-replies", Some(&other.access), body("adres")).await.status,
        201,
        "shortcuts are per business"
    );
    assert_eq!(app.delete(&format!("/saved-replies/{id}"), &owner.access).await.status, 204);
    assert_eq!(
        app.post("/saved-replies", Some(&owner.access), body("yol-tarifi")).await.status,
        201,
        "freed on delete"
    );
}

#[tokio::test]
async fn conversations_stored_before_the_inbox_existed_join_it_on_first_use() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let bot = app.create_bot(&owner, "Eski").await;
    let bot_id = bot["id"].as_str().unwrap();
    let mut made = Vec::new();
    for i in 0..5 {
        let c = conversation(&app, &owner, bot_id, Source::WebWidget, &format!("eski-{i}"), &["Merhaba"]).await;
        made.push(c.id.to_string());
    }
    let closed =
        conversations::get_conversation(&app.state, &owner.tenant_id, &made[0].as_str().into()).await.unwrap().unwrap();
    conversations::set_status(&app.state, &closed, conversations::Status::Closed).await.unwrap();
    // As version 1 stored them: no inbox keys.
    for id in &made {
        app.rewrite_conversation(&owner.tenant_id, id, "REMOVE GSI2PK, GSI2SK", None).await;
    }
    let open: BTreeSet<String> = ids(&app.collect_pages("/inbox?limit=2", &owner.access).await).into_iter().collect();
    assert_eq!(open, made[1..].iter().cloned().collect::<BTreeSet<_>>());
    assert_eq!(
        ids(app.get("/inbox?view=resolved", &owner.access).await.body["items"].as_array().unwrap()),
        [made[0].clone()]
    );
}

#[tokio::test]
async fn a_conversation_shows_the_contacts_other_conversations_and_leads_of_this_business_only() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let kadikoy = app.create_bot(&owner, "Kadıköy").await["id"].as_str().unwrap().to_string();
    let moda = app.create_bot(&owner, "Moda").await["id"].as_str().unwrap().to_string();
    let number = "905321112233";
    let here = conversation(&app, &owner, &kadikoy, Source::Whatsapp, number, &["Merhaba"]).await;
    let there = conversation(&app, &owner, &moda, Source::Whatsapp, number, &["Randevu almak istiyorum"]).await;
    let someone_else = conversation(&app, &owner, &moda, Source::Whatsapp, "905329998877", &["Selam"]).await;
    let lead = app.lead_with(&owner, &moda, "Ayşe Kaya", None, Some("+905321112233"), Some(there.id.as_str())).await;
    // Another business with the same customer shows nothing here.
    let other = app.register().await;
    let other_bot = app.create_bot(&other, "x").await["id"].as_str().unwrap().to_string();
    conversation(&app, &other, &other_bot, Source::Whatsapp, number, &["Merhaba"]).await;

    let related = app.get(&format!("/conversations/{}/related", here.id), &owner.access).await;
    assert_eq!(related.status, 200, "{}", related.text);
    assert_eq!(ids(related.body["conversations"].as_array().unwrap()), [there.id.to_string()]);
    assert_eq!(ids(related.body["leads"].as_array().unwrap()), [lead.id.to_string()]);
    let alone = app.get(&format!("/conversations/{}/related", someone_else.id), &owner.access).await.body;
    assert_eq!(alone, json!({ "conversations": [], "leads": [] }));
    assert_eq!(app.get(&format!("/conversations/{}/related", here.id), &other.access).await.status, 404);
}

#[tokio::test]
async fn a_bot_that_takes_resolved_conversations_back_answers_when_the_customer_writes_again() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let bot = app.create_bot(&owner, "Klinik").await;
    let bot_id = bot["id"].as_str().unwrap();
    app.import_clinic_knowledge(&owner, bot_id).await;
    let set = app.put(&format!("/bots/{bot_id}"), &owner.access, json!({ "reopen_to_bot": true })).await;
    assert_eq!((set.status, &set.body["reopen_to_bot"]), (200, &json!(true)), "{}", set.text);
    let session = app.widget_chat(&bot).await;
    let id = session["conversation_id"].as_str().unwrap().to_string();
    let say = |text: &'static str| app.say(&session, text);
    say("Çalışma saatleriniz nedir?").await;
    app.call("POST", &format!("/conversations/{id}/resolve"), Some(&owner.access), None).await;
    let again = say("Adresiniz nerede?").await;
    assert!(again["reply"].is_object(), "the bot answers: {again}");
    let c = app.get(&format!("/conversations/{id}"), &owner.access).await.body;
    assert_eq!((c["status"].as_str(), c["needs_attention"].as_bool()), (Some("bot"), Some(false)));
    assert!(c.get("resolved_at").is_none());
    assert_eq!(ids(app.get("/inbox", &owner.access).await.body["items"].as_array().unwrap()), [id]);
}
