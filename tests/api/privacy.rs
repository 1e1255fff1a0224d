//! Data subjects' requests: everything held about one contact, exported and erased across the
//! business's bots, logged without naming them; nothing of another contact or business.

use serde_json::json;
use shared::auth::Role;
use shared::store::conversations::{self, Message, Sender, Source};
use testkit::TestApp;

use super::appointments::{ELIF, at, booking, clinic_bot, day};

#[tokio::test]
async fn a_contacts_data_is_exported_whole_then_erased_everywhere_and_logged() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let clinic = clinic_bot(&app, &owner).await;
    let shop = app.create_bot(&owner, "Mağaza").await["id"].as_str().unwrap().to_string();
    let wa_id = "905321234567";
    // Ayşe wrote on WhatsApp to both bots, left a lead on the clinic's widget (with her e-mail),
    // and has an appointment; Mehmet is another customer.
    let mut theirs = Vec::new();
    for bot in [&clinic, &shop] {
        let (c, _) = conversations::find_or_create(
            &app.state,
            &owner.tenant_id,
            &bot.as_str().into(),
            Source::Whatsapp,
            wa_id,
            None,
        )
        .await
        .unwrap();
        let c = conversations::append(&app.state, &c, &Message::new(&c.id, Sender::User, "Merhaba, ben Ayşe"))
            .await
            .unwrap();
        theirs.push(c.id.to_string());
    }
    let widget = app.conversation_with(&owner, &clinic, "ziyaretci-1", &["Fiyat alabilir miyim?"]).await;
    theirs.push(widget.id.to_string());
    app.lead_with(&owner, &clinic, "Ayşe Yılmaz", Some("ayse@example.com"), None, Some(widget.id.as_str())).await;
    let note = app
        .post(
            &format!("/conversations/{}/notes", widget.id),
            Some(&owner.access),
            json!({ "body": "Ayşe Hanım'ı ara" }),
        )
        .await;
    assert_eq!(note.status, 201);
    let booked =
        app.post("/appointments", Some(&owner.access), booking(&clinic, &at(day(5), "10:00"), Some(ELIF))).await;
    assert_eq!(booked.status, 201, "{}", booked.text);
    let mehmet = app.conversation_with(&owner, &shop, "ziyaretci-2", &["Kargo ne zaman gelir?"]).await;
    app.lead_with(
        &owner,
        &shop,
        "Mehmet Demir",
        Some("mehmet@example.com"),
        Some("+905559998877"),
        Some(mehmet.id.as_str()),
    )
    .await;

    // Only admins answer these requests.
    let agent = app.member_of(&owner, Role::Agent).await;
    let ask = json!({ "phone": "0532 123 45 67", "email": "AYSE@example.com" });
    assert_eq!(app.act(&agent, "POST", "/privacy/contact-export", Some(ask.clone())).await.status, 403);
    for (bad, field) in [(json!({}), "phone"), (json!({ "phone": "12" }), "phone"), (json!({ "email": "x@" }), "email")]
    {
        let r = app.post("/privacy/contact-export", Some(&owner.access), bad).await;
        assert_eq!((r.status, r.error_fields()), (422, vec![field.to_string()]), "{}", r.text);
    }

    let export = app.post("/privacy/contact-export", Some(&owner.access), ask.clone()).await;
    assert_eq!(export.status, 200, "{}", export.text);
    let file: serde_json::Value = serde_json::from_str(&export.text).unwrap();
    let mut exported: Vec<String> = file["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["conversation"]["id"].as_str().unwrap().to_string())
        .collect();
    exported.sort();
    theirs.sort();
    assert_eq!(exported, theirs, "both WhatsApp conversations and the one her lead came from");
    assert!(
        export.text.contains("Merhaba, ben Ayşe") && export.text.contains("Ayşe Hanım'ı ara"),
        "messages and notes"
    );
    assert_eq!(file["leads"].as_array().unwrap().len(), 1);
    assert_eq!(file["appointments"].as_array().unwrap().len(), 1);
    assert!(!export.text.contains("Mehmet") && !export.text.contains("Kargo"), "nobody else");

    let unconfirmed = app.post("/privacy/contact-erase", Some(&owner.access), ask.clone()).await;
    assert_eq!(unconfirmed.error_fields(), ["confirm"]);
    let erase = json!({ "phone": "+90 532 123 45 67", "email": "ayse@example.com", "confirm": true });
    let erased = app.post("/privacy/contact-erase", Some(&owner.access), erase.clone()).await;
    assert_eq!(erased.status, 200, "{}", erased.text);
    assert_eq!(erased.body["erased"], json!({ "conversations": 3, "messages": 3, "leads": 1, "appointments": 1 }));

    // Nothing anywhere names her any more; the log line does not either.
    let items = app.all_items().await;
    let tenant_prefix = format!("T#{}", owner.tenant_id);
    let mentions: Vec<String> = items
        .iter()
        .filter(|i| i.get("PK").and_then(|v| v.as_s().ok()).is_some_and(|pk| pk.starts_with(&tenant_prefix)))
        .filter(|i| {
            i.values().any(|v| {
                v.as_s().is_ok_and(|s| {
                    theirs.iter().any(|id| s.contains(id.as_str())) || s.contains(wa_id) || s.contains("ayse@")
                })
            }) || format!("{i:?}").contains("Ayşe")
        })
        .map(|i| format!("{:?}/{:?}", i.get("PK"), i.get("SK")))
        .collect();
    assert!(mentions.is_empty(), "left behind: {mentions:?}");
    let log = app.get("/privacy/audit", &owner.access).await.body["items"].clone();
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["action"], "contact_erased");
    assert_eq!(log[0]["user_id"], owner.user_id.as_str());
    assert!(!log.to_string().contains("5321234567") && !log.to_string().contains("ayse"));
    // The time she held is free again; Mehmet is untouched.
    let slots = format!(
        "/bots/{clinic}/slots?service_id=01jfnq0c1d2e3f4g5h6j7k8m9a&from={d}&to={d}&resource_id={ELIF}",
        d = day(5)
    );
    let free = app.get(&slots, &owner.access).await.body["slots"].to_string();
    assert!(free.contains("T10:00:00+03:00"), "{free}");
    assert_eq!(app.get(&format!("/conversations/{}", mehmet.id), &owner.access).await.status, 200);

    // Again (an interrupted request repeated): nothing left to erase, one more line; the same
    // contact gives the same subject.
    let again = app.post("/privacy/contact-erase", Some(&owner.access), erase).await.body;
    assert_eq!(again["erased"], json!({ "conversations": 0, "messages": 0, "leads": 0, "appointments": 0 }));
    assert_eq!(again["subject"], log[0]["subject"]);
    // Another business asking about her finds only its own (nothing).
    let other = app.register().await;
    let theirs_export = app.post("/privacy/contact-export", Some(&other.access), ask).await;
    assert_eq!(theirs_export.status, 200);
    assert!(theirs_export.text.contains("\"conversations\": []"));
    assert_eq!(app.get("/privacy/audit", &other.access).await.body["items"], json!([]));
}

#[tokio::test]
async fn conversations_past_the_retention_a_business_chose_are_erased_by_the_sweep() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let other = app.register().await;
    let bot = app.create_bot(&owner, "Klinik").await["id"].as_str().unwrap().to_string();
    let other_bot = app.create_bot(&other, "Başka").await["id"].as_str().unwrap().to_string();
    assert_eq!(app.get("/privacy/settings", &owner.access).await.body, json!({ "retention_months": 0 }));
    let too_long = app.put("/privacy/settings", &owner.access, json!({ "retention_months": 121 })).await;
    assert_eq!(too_long.error_fields(), ["retention_months"]);
    let agent = app.member_of(&owner, Role::Agent).await;
    let by_agent = app.act(&agent, "PUT", "/privacy/settings", Some(json!({ "retention_months": 1 }))).await;
    assert_eq!(by_agent.status, 403);
    assert_eq!(app.put("/privacy/settings", &owner.access, json!({ "retention_months": 2 })).await.status, 200);

    // The customer of `old` last wrote three months ago (as the inbox index records it).
    let old = app.conversation_with(&owner, &bot, "eski", &["Merhaba"]).await;
    let recent = app.conversation_with(&owner, &bot, "yeni", &["Merhaba"]).await;
    let theirs = app.conversation_with(&other, &other_bot, "eski", &["Merhaba"]).await;
    let three_months_ago = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * 92)).as_millisecond() as u64;
    let old_ulid = ulid::Ulid::from_parts(three_months_ago, 1).to_string().to_lowercase();
    for (account, c) in [(&owner, &old), (&other, &theirs)] {
        let sk = format!("{old_ulid}#{}", c.id);
        app.rewrite_conversation(&account.tenant_id, c.id.as_str(), "SET GSI2SK = :v", Some(sk)).await;
    }
    shared::store::retention::sweep(&app.state, jiff::Timestamp::now()).await.unwrap();
    assert_eq!(app.get(&format!("/conversations/{}", old.id), &owner.access).await.status, 404, "past two months");
    assert_eq!(app.get(&format!("/conversations/{}", recent.id), &owner.access).await.status, 200);
    assert_eq!(app.get(&format!("/conversations/{}", theirs.id), &other.access).await.status, 200, "keeps everything");
    let messages = app.all_items().await.into_iter().filter(|i| format!("{i:?}").contains(old.id.as_str())).count();
    assert_eq!(messages, 0, "nothing of it is left");

    // Back to keeping: the business leaves the sweep.
    assert_eq!(app.put("/privacy/settings", &owner.access, json!({ "retention_months": 0 })).await.status, 200);
    assert_eq!(app.get("/privacy/settings", &owner.access).await.body["retention_months"], 0);
}

#[tokio::test]
async fn the_widget_learns_the_businesss_privacy_notice_and_only_an_https_one_is_kept() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let bot = app.create_bot(&owner, "Klinik").await;
    let path = format!("/bots/{}", bot["id"].as_str().unwrap());
    for bad in ["http://klinik.com.tr/kvkk", "javascript:alert(1)", "klinik.com.tr"] {
        let r = app.put(&path, &owner.access, json!({ "privacy_url": bad })).await;
        assert_eq!(r.error_fields(), ["privacy_url"], "{bad}");
    }
    let saved = app.put(&path, &owner.access, json!({ "privacy_url": "https://klinik.com.tr/kvkk" })).await;
    assert_eq!(saved.body["privacy_url"], "https://klinik.com.tr/kvkk");
    let init = app.widget_chat(&bot).await;
    assert_eq!(init["bot"]["privacy_url"], "https://klinik.com.tr/kvkk");
    let cleared = app.put(&path, &owner.access, json!({ "privacy_url": "" })).await;
    assert_eq!(cleared.body["privacy_url"], serde_json::Value::Null);
}

#[tokio::test]
async fn a_closed_business_is_deleted_whole_after_its_grace_period_unless_the_owner_cancels() {
    let app = TestApp::spawn().await;
    let tenant_name = format!("Kapanan {}", shared::ids::new_id());
    let owner = app.register_as(&format!("sahip-{}@example.com", shared::ids::new_id()), &tenant_name).await;
    let admin = app.member_of(&owner, Role::Admin).await;
    let neighbour = app.register().await;
    let bot = app.create_bot(&owner, "Klinik").await;
    let bot_id = bot["id"].as_str().unwrap().to_string();
    app.import_clinic_knowledge(&owner, &bot_id).await;
    let c = app.conversation_with(&owner, &bot_id, "ziyaretci", &["Merhaba"]).await;
    app.lead_with(&owner, &bot_id, "Ayşe", None, Some("+905321112233"), Some(c.id.as_str())).await;
    app.post(&format!("/conversations/{}/notes", c.id), Some(&owner.access), json!({ "body": "not" })).await;
    app.post("/saved-replies", Some(&owner.access), json!({ "shortcut": "adres", "body": "Moda" })).await;
    let neighbours_bot = app.create_bot(&neighbour, "Komşu").await["id"].as_str().unwrap().to_string();

    assert_eq!(app.get("/tenants/current/closing", &owner.access).await.body, json!({ "closing": null }));
    let by_admin =
        app.act(&admin, "POST", "/tenants/current/closing", Some(json!({ "confirm_name": tenant_name }))).await;
    assert_eq!(by_admin.status, 403, "only the owner closes the business");
    let wrong = app.post("/tenants/current/closing", Some(&owner.access), json!({ "confirm_name": "başka" })).await;
    assert_eq!(wrong.error_fields(), ["confirm_name"]);
    let asked = app.post("/tenants/current/closing", Some(&owner.access), json!({ "confirm_name": tenant_name })).await;
    assert_eq!(asked.status, 200, "{}", asked.text);
    let delete_at = asked.body["closing"]["delete_at"].as_str().unwrap().to_string();
    // Cancelled, then asked again: the business is still whole before its date.
    assert_eq!(app.call("DELETE", "/tenants/current/closing", Some(&owner.access), None).await.status, 204);
    assert_eq!(app.get("/tenants/current/closing", &owner.access).await.body["closing"], json!(null));
    let again = app.post("/tenants/current/closing", Some(&owner.access), json!({ "confirm_name": tenant_name })).await;
    let delete_at = again.body["closing"]["delete_at"].as_str().map(str::to_owned).unwrap_or(delete_at);
    shared::store::closing::sweep(&app.state, "2000-01-01T00:00:00Z").await.unwrap();
    assert_eq!(app.get(&format!("/bots/{bot_id}"), &owner.access).await.status, 200, "not before its date");

    shared::store::closing::sweep(&app.state, &delete_at).await.unwrap();
    let prefix = format!("T#{}", owner.tenant_id);
    let left: Vec<String> = app
        .all_items()
        .await
        .into_iter()
        .filter(|i| {
            i.get("PK").and_then(|v| v.as_s().ok()).is_some_and(|pk| pk.starts_with(&prefix))
                || format!("{i:?}").contains(owner.tenant_id.as_str())
        })
        .map(|i| format!("{:?}/{:?}", i.get("PK"), i.get("SK")))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    let mine = app.get("/tenants/my", &owner.access).await.body["items"].to_string();
    assert!(!mine.contains(owner.tenant_id.as_str()), "{mine}");
    assert_eq!(app.get(&format!("/bots/{neighbours_bot}"), &neighbour.access).await.status, 200, "the neighbour stays");
    let key = bot["public_key"].as_str().unwrap();
    assert_eq!(app.post("/public/chat/init", None, json!({ "bot_public_key": key })).await.status, 404);
}
