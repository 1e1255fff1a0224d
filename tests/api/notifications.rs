//! Team notifications: a handoff, a customer still waiting, a new lead; each member's choices;
//! once per event, also when two notifiers run at once; a digest when many arrive.

use serde_json::json;
use shared::auth::Role;
use testkit::{Account, TestApp};

/// The subjects of the team mails `account` got.
async fn team_mails(app: &TestApp, account: &Account, tenant: &str) -> Vec<String> {
    app.mails_to(&account.email)
        .await
        .iter()
        .filter_map(|m| m["subject"].as_str().map(str::to_owned))
        .filter(|s| s.starts_with(&format!("{tenant}:")))
        .collect()
}

async fn sweep_at(app: &TestApp, at: i64) -> shared::notify::Swept {
    shared::notify::sweep(&app.state, at).await.unwrap()
}

#[tokio::test]
async fn the_team_hears_of_a_handoff_once_of_a_customer_still_waiting_and_of_leads_as_each_member_chose() {
    let app = TestApp::spawn().await;
    let tenant = format!("Klinik {}", shared::ids::new_id());
    let owner = app.register_as(&format!("sahip-{}@example.com", shared::ids::new_id()), &tenant).await;
    let agent = app.member_of(&owner, Role::Agent).await;
    let bot = app.create_bot(&owner, "Resepsiyon").await;
    app.import_clinic_knowledge(&owner, bot["id"].as_str().unwrap()).await;

    // Each member chooses; only admins change the business's wait time.
    let settings = app.act(&agent, "GET", "/tenants/current/notifications", None).await.body;
    assert_eq!(settings, json!({ "handoff": true, "waiting": true, "lead": true, "wait_alert_minutes": 10 }));
    let mine = json!({ "handoff": true, "waiting": true, "lead": false, "wait_alert_minutes": 10 });
    assert_eq!(app.act(&agent, "PUT", "/tenants/current/notifications", Some(mine)).await.status, 200);
    let wait = json!({ "handoff": true, "waiting": true, "lead": false, "wait_alert_minutes": 5 });
    assert_eq!(app.act(&agent, "PUT", "/tenants/current/notifications", Some(wait)).await.status, 403);
    let owner_choice = json!({ "handoff": true, "waiting": true, "lead": true, "wait_alert_minutes": 5 });
    assert_eq!(app.act(&owner, "PUT", "/tenants/current/notifications", Some(owner_choice)).await.status, 200);
    let bad = json!({ "handoff": true, "waiting": true, "lead": true, "wait_alert_minutes": 100000 });
    let refused = app.act(&owner, "PUT", "/tenants/current/notifications", Some(bad)).await;
    assert_eq!(refused.error_fields(), ["wait_alert_minutes"]);
    assert_eq!(app.act(&agent, "GET", "/tenants/current/notifications", None).await.body["lead"], false);

    // Two customers ask for a person.
    let answered = app.widget_chat(&bot).await;
    let waiting = app.widget_chat(&bot).await;
    for session in [&answered, &waiting] {
        app.say(session, "Bir temsilciyle görüşmek istiyorum").await;
        let id = session["conversation_id"].as_str().unwrap();
        assert_eq!(app.get(&format!("/conversations/{id}"), &owner.access).await.body["status"], "handed_off");
    }
    // Two notifiers at once (a retried run, an overlapping one): each member is told once per handoff.
    let now = shared::ids::epoch_secs() + 1;
    let (a, b) = tokio::join!(sweep_at(&app, now), sweep_at(&app, now));
    assert!(a.deferred + b.deferred >= 2, "{a:?} {b:?}");
    for member in [&owner, &agent] {
        let got = team_mails(&app, member, &tenant).await;
        assert_eq!(got.len(), 2, "one e-mail per handoff: {got:?}");
        assert!(got.iter().all(|s| s.contains("bir temsilci bekliyor")), "{got:?}");
    }
    sweep_at(&app, now + 10).await;
    assert_eq!(team_mails(&app, &owner, &tenant).await.len(), 2, "told once");

    // One customer gets a person's answer; the other is still waiting after the business's 5 minutes.
    let answered_id = answered["conversation_id"].as_str().unwrap();
    let reply = app
        .post(&format!("/conversations/{answered_id}/messages"), Some(&owner.access), json!({ "content": "Buyrun" }))
        .await;
    assert_eq!(reply.status, 201);
    sweep_at(&app, now + 4 * 60).await;
    assert_eq!(team_mails(&app, &owner, &tenant).await.len(), 2, "not before the wait time");
    sweep_at(&app, now + 5 * 60 + 1).await;
    for member in [&owner, &agent] {
        let got = team_mails(&app, member, &tenant).await;
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[2].contains("hâlâ yanıt bekliyor"), "only the unanswered customer: {got:?}");
    }
    let text = app.mails_to(&owner.email).await.last().unwrap()["text"].as_str().unwrap().to_string();
    let waiting_id = waiting["conversation_id"].as_str().unwrap();
    assert!(text.contains(&format!("/dashboard/conversations?c={waiting_id}")), "{text}");
    sweep_at(&app, now + 3600).await;
    assert_eq!(team_mails(&app, &owner, &tenant).await.len(), 3, "reminded once");

    // An assigned conversation is its assignee's: a handoff in it goes to the agent only.
    app.say(&waiting, "Hâlâ bekliyorum").await;
    app.act(
        &agent,
        "PUT",
        &format!("/conversations/{waiting_id}/assignee"),
        Some(json!({ "assignee_id": agent.user_id })),
    )
    .await;
    app.post(&format!("/conversations/{waiting_id}/handoff"), Some(&owner.access), json!({ "active": false })).await;
    app.say(&waiting, "Yine bir temsilci istiyorum").await;
    sweep_at(&app, shared::ids::epoch_secs() + 1).await;
    assert_eq!(team_mails(&app, &owner, &tenant).await.len(), 3, "not the owner's conversation");
    assert_eq!(team_mails(&app, &agent, &tenant).await.len(), 4);

    // A lead: the owner wants those, the agent does not.
    let lead = app
        .post(
            "/public/leads",
            answered["visitor_token"].as_str(),
            json!({ "bot_public_key": bot["public_key"], "name": "Mehmet Demir", "phone": "0532 765 43 21" }),
        )
        .await;
    assert_eq!(lead.status, 201, "{}", lead.text);
    sweep_at(&app, shared::ids::epoch_secs() + 1).await;
    let got = team_mails(&app, &owner, &tenant).await;
    assert!(got.last().unwrap().contains("yeni müşteri adayı Mehmet Demir"), "{got:?}");
    assert_eq!(team_mails(&app, &agent, &tenant).await.len(), 4);
}

#[tokio::test]
async fn many_things_at_once_come_as_one_digest_and_another_business_hears_nothing() {
    let app = TestApp::spawn().await;
    let tenant = format!("Mağaza {}", shared::ids::new_id());
    let owner = app.register_as(&format!("sahip-{}@example.com", shared::ids::new_id()), &tenant).await;
    let other = app.register().await;
    let bot = app.create_bot(&owner, "Mağaza").await;
    let none = json!({ "handoff": true, "waiting": false, "lead": true, "wait_alert_minutes": 0 });
    assert_eq!(app.put("/tenants/current/notifications", &owner.access, none).await.status, 200);
    for _ in 0..4 {
        let session = app.widget_chat(&bot).await;
        app.say(&session, "Bir yetkiliyle konuşmak istiyorum").await;
    }
    sweep_at(&app, shared::ids::epoch_secs() + 1).await;
    let got = team_mails(&app, &owner, &tenant).await;
    assert_eq!(got, [format!("{tenant}: ekibini bekleyen 4 gelişme")]);
    let text = app.mails_to(&owner.email).await.last().unwrap()["text"].as_str().unwrap().to_string();
    assert_eq!(text.matches("bir temsilci bekliyor").count(), 4, "{text}");
    assert!(text.contains("/dashboard/conversations"));
    assert!(app.mails_to(&other.email).await.iter().all(|m| !m["subject"].as_str().unwrap_or("").contains(&tenant)));
}

#[tokio::test]
async fn a_handoff_stored_again_by_a_retry_is_told_once() {
    use shared::store::conversations::{self, Message, Sender, Source, TurnEffects};
    let app = TestApp::spawn().await;
    let tenant = format!("Tekrar {}", shared::ids::new_id());
    let owner = app.register_as(&format!("sahip-{}@example.com", shared::ids::new_id()), &tenant).await;
    let bot = app.create_bot(&owner, "Resepsiyon").await;
    let (c, _) = conversations::find_or_create(
        &app.state,
        &owner.tenant_id,
        &bot["id"].as_str().unwrap().into(),
        Source::Whatsapp,
        "905320001122",
        Some("Ali"),
    )
    .await
    .unwrap();
    let c =
        conversations::append(&app.state, &c, &Message::new(&c.id, Sender::User, "Bir yetkili lütfen")).await.unwrap();
    // The bot's handoff reply, stored by a first attempt and again by a retry after a crash.
    let reply = Message::new(&c.id, Sender::Bot, "Sizi bir yetkiliye aktarıyorum.");
    let effects = TurnEffects { handoff: true, needs_attention: true, ..Default::default() };
    let first = conversations::append_turn(&app.state, &c, &reply, vec![], effects.clone()).await.unwrap();
    let retry = conversations::append_turn(&app.state, &c, &reply, vec![], effects).await.unwrap();
    assert!(first.is_some() && retry.is_none(), "the retry finds the reply stored");
    sweep_at(&app, shared::ids::epoch_secs() + 1).await;
    sweep_at(&app, shared::ids::epoch_secs() + 2).await;
    assert_eq!(team_mails(&app, &owner, &tenant).await, [format!("{tenant}: Ali bir temsilci bekliyor")]);
}
