//! The assistant books in the conversation (the guided flow, no model): in the widget here,
//! on WhatsApp in `whatsapp.rs`.

use serde_json::{Value, json};
use testkit::{Account, TestApp};

/// A bot in FAQ mode with the clinic's knowledge and a calendar open every day 09:00–18:00
/// (so the test runs any day of the week), one dentist, a 30-minute cleaning.
pub async fn booking_clinic(app: &TestApp, account: &Account) -> Value {
    let bot = app.post("/bots", Some(&account.access), json!({ "name": "Gülümse", "answer_mode": "faq" })).await;
    assert_eq!(bot.status, 201, "{}", bot.text);
    let bot_id = bot.body["id"].as_str().unwrap();
    app.import_clinic_knowledge(account, bot_id).await;
    let day = json!([{ "from": "09:00", "to": "18:00" }]);
    let calendar = json!({
        "version": 0, "time_zone": "Europe/Istanbul", "slot_step_minutes": 30, "min_notice_minutes": 0,
        "resources": [{ "name": "Dt. Elif Kaya", "hours": { "mon": day, "tue": day, "wed": day, "thu": day, "fri": day, "sat": day, "sun": day } }],
        "services": [
            { "name": "Diş temizliği", "duration_minutes": 30 },
            { "name": "Dolgu", "duration_minutes": 45 }
        ],
        "closures": []
    });
    let saved = app.put(&format!("/bots/{bot_id}/calendar"), &account.access, calendar).await;
    assert_eq!(saved.status, 200, "{}", saved.text);
    bot.body
}

async fn say(app: &TestApp, session: &Value, message: &str) -> Value {
    app.say(session, message).await["reply"].clone()
}

fn choices(reply: &Value) -> Vec<String> {
    reply["choices"].as_array().map(|a| a.iter().map(|c| c.as_str().unwrap().to_string()).collect()).unwrap_or_default()
}

#[tokio::test]
async fn a_widget_visitor_books_by_tapping_and_typing_and_the_team_sees_it() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = booking_clinic(&app, &a).await;
    let bot_id = bot["id"].as_str().unwrap();
    let session = app.post("/public/chat/init", None, json!({ "bot_public_key": bot["public_key"] })).await.body;

    let r = say(&app, &session, "Merhaba, randevu almak istiyorum").await;
    assert_eq!(r["content"], "Hangi hizmet için randevu almak istersiniz?");
    assert_eq!(choices(&r), ["Diş temizliği", "Dolgu"]);
    let r = say(&app, &session, "Diş temizliği").await;
    let days = choices(&r);
    assert_eq!(days.len(), 7, "{r}");
    // A question in the middle is answered from the knowledge base, then the flow goes on.
    let r = say(&app, &session, "Cumartesi günü açık mısınız?").await;
    let text = r["content"].as_str().unwrap();
    assert!(text.contains("10:00-16:00") && text.contains("Randevunuza devam edelim"), "{text}");
    assert_eq!(choices(&r), days);
    let r = say(&app, &session, &days[1]).await;
    let times = choices(&r);
    assert!(!times.is_empty(), "{r}");
    let r = say(&app, &session, &times[0]).await;
    assert!(r["content"].as_str().unwrap().contains("kimin adına"), "{r}");
    let r = say(&app, &session, "Ayşe Yılmaz").await;
    assert!(r["content"].as_str().unwrap().contains("telefon"), "{r}");
    let r = say(&app, &session, "0532 123 45 67").await;
    assert!(r["content"].as_str().unwrap().ends_with("Onaylıyor musunuz?"), "{r}");
    let r = say(&app, &session, "Onayla").await;
    let done = r["content"].as_str().unwrap();
    assert!(done.starts_with("Randevunuz oluşturuldu"), "{done}");
    assert!(done.contains(&times[0]) && done.contains("Dt. Elif Kaya"), "{done}");

    // The team's calendar has it, from the widget, linked to the conversation, with the phone.
    let listed = app
        .collect_pages(
            &format!("/appointments?bot_id={bot_id}&from=2020-01-01T00:00:00Z&to=2020-03-01T00:00:00Z"),
            &a.access,
        )
        .await;
    assert!(listed.is_empty());
    let upcoming = app.collect_pages(&format!("/appointments?bot_id={bot_id}"), &a.access).await;
    assert_eq!(upcoming.len(), 1, "{upcoming:?}");
    let appointment = &upcoming[0];
    assert_eq!(appointment["source"], "web_widget");
    assert_eq!(appointment["service_name"], "Diş temizliği");
    assert_eq!(appointment["customer"]["name"], "Ayşe Yılmaz");
    assert_eq!(appointment["customer"]["phone"], "+905321234567");
    assert_eq!(appointment["conversation_id"], session["conversation_id"]);
    assert!(appointment["start"].as_str().unwrap().contains(&format!("T{}:00+03:00", times[0])));
    // The conversation's side panel lists it; the overview counts what the assistant booked.
    let cid = session["conversation_id"].as_str().unwrap();
    let panel = app.get(&format!("/conversations/{cid}/appointments"), &a.access).await;
    assert_eq!(panel.body["items"][0]["id"], appointment["id"], "{}", panel.text);
    let stats = app.get("/stats/overview", &a.access).await.body;
    assert_eq!(stats["assistant_appointments"], json!({ "total": 1, "last_7_days": 1 }));
    let other = app.register().await;
    assert_eq!(app.get(&format!("/conversations/{cid}/appointments"), &other.access).await.status, 404);
    // The customer became a lead with the appointment in its notes.
    let leads = app.get(&format!("/bots/{bot_id}/leads"), &a.access).await.body["items"].as_array().unwrap().clone();
    assert_eq!(leads.len(), 1);
    assert!(leads[0]["notes"].as_str().unwrap().starts_with("Randevu: Diş temizliği"), "{}", leads[0]);
    // The flow is over: the next message is answered as usual.
    let r = say(&app, &session, "Teşekkürler").await;
    assert!(!r["content"].as_str().unwrap().contains("Randevu"), "{r}");
}

#[tokio::test]
async fn the_last_free_time_taken_meanwhile_is_not_double_booked_and_other_times_are_offered() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = booking_clinic(&app, &a).await;
    let bot_id = bot["id"].as_str().unwrap();
    let session = app.post("/public/chat/init", None, json!({ "bot_public_key": bot["public_key"] })).await.body;
    say(&app, &session, "randevu almak istiyorum").await;
    let days = choices(&say(&app, &session, "Dolgu").await);
    let times = choices(&say(&app, &session, &days[2]).await);
    say(&app, &session, &times[1]).await;
    say(&app, &session, "Mehmet Demir").await;
    let confirm = say(&app, &session, "+90 533 987 65 43").await;
    assert!(confirm["content"].as_str().unwrap().contains("Mehmet Demir"));
    // The receptionist gives that very time to a caller while the visitor hesitates.
    let slots = app
        .get(
            &format!("/bots/{bot_id}/slots?service_id={}&from=2000-01-01&to=2000-01-02", "01jfnq0c1d2e3f4g5h6j7k8m9a"),
            &a.access,
        )
        .await;
    assert_eq!(slots.status, 404, "an unknown service");
    let calendar = app.get(&format!("/bots/{bot_id}/calendar"), &a.access).await.body;
    let dolgu = calendar["services"][1]["id"].as_str().unwrap();
    let conversation =
        app.get(&format!("/conversations/{}", session["conversation_id"].as_str().unwrap()), &a.access).await;
    let start = conversation.body["booking"]["start"].as_i64().expect("the flow is on the conversation");
    let local = jiff::Timestamp::from_second(start * 60).unwrap().in_tz("Europe/Istanbul").unwrap();
    let by_hand = app
        .post(
            "/appointments",
            Some(&a.access),
            json!({ "bot_id": bot_id, "service_id": dolgu, "start": local.strftime("%Y-%m-%dT%H:%M").to_string(), "customer": { "name": "Telefonla arayan" } }),
        )
        .await;
    assert_eq!(by_hand.status, 201, "{}", by_hand.text);
    let r = say(&app, &session, "evet").await;
    assert!(r["content"].as_str().unwrap().starts_with("Bu saat az önce doldu"), "{r}");
    assert!(!choices(&r).contains(&times[1]), "{r}");
    let upcoming = app.collect_pages(&format!("/appointments?bot_id={bot_id}"), &a.access).await;
    assert_eq!(upcoming.len(), 1, "only the receptionist's booking");
    // Picking another offered time books it.
    let other = choices(&r)[0].clone();
    say(&app, &session, &other).await;
    let r = say(&app, &session, "Onayla").await;
    assert!(r["content"].as_str().unwrap().starts_with("Randevunuz oluşturuldu"), "{r}");
    assert_eq!(app.collect_pages(&format!("/appointments?bot_id={bot_id}"), &a.access).await.len(), 2);
}

/// Books the first free time of the first service through the widget flow; returns the time.
async fn book_through_widget(app: &TestApp, session: &Value, name: &str) -> String {
    say(app, session, "randevu almak istiyorum").await;
    let days = choices(&say(app, session, "Diş temizliği").await);
    let times = choices(&say(app, session, &days[1]).await);
    say(app, session, &times[0]).await;
    say(app, session, name).await;
    say(app, session, "0532 123 45 67").await;
    let done = say(app, session, "Onayla").await;
    assert!(done["content"].as_str().unwrap().starts_with("Randevunuz oluşturuldu"), "{done}");
    times[0].clone()
}

#[tokio::test]
async fn the_customer_asks_moves_and_cancels_their_appointment_in_the_chat() {
    // A whole booking, a move and a cancel are more than the 20 messages a minute one address
    // may send; the limit has its own tests.
    let app = TestApp::spawn_with(|k| (k == "PUBLIC_MESSAGES_PER_MINUTE").then(|| "200".to_string())).await;
    let a = app.register().await;
    let bot = booking_clinic(&app, &a).await;
    let bot_id = bot["id"].as_str().unwrap();
    let session = app.post("/public/chat/init", None, json!({ "bot_public_key": bot["public_key"] })).await.body;
    let time = book_through_widget(&app, &session, "Zeynep Şahin").await;

    let r = say(&app, &session, "randevum ne zaman?").await;
    let text = r["content"].as_str().unwrap();
    assert!(text.starts_with("Yaklaşan randevunuz:") && text.contains(&time), "{text}");
    assert_eq!(choices(&r), ["Randevumu değiştir", "Randevumu iptal et"]);

    // Move it to another day: the old time is free again, the new one is held.
    let r = say(&app, &session, "Randevumu değiştir").await;
    let days = choices(&r);
    let times = choices(&say(&app, &session, &days[3]).await);
    let r = say(&app, &session, &times[2]).await;
    assert!(r["content"].as_str().unwrap().contains("Zeynep Şahin"), "no name asked again: {r}");
    let r = say(&app, &session, "evet").await;
    assert!(r["content"].as_str().unwrap().starts_with("Randevunuz güncellendi"), "{r}");
    let mine = app.collect_pages(&format!("/appointments?bot_id={bot_id}"), &a.access).await;
    assert_eq!(mine.len(), 1, "moved, not booked again: {mine:?}");
    assert!(mine[0]["start"].as_str().unwrap().contains(&format!("T{}:00", times[2])));
    assert!(mine[0]["notes"].as_str().unwrap().contains("başka saate aldı"), "{}", mine[0]);

    // Cancel it: the time is free for anyone again.
    let r = say(&app, &session, "randevumu iptal etmek istiyorum").await;
    assert!(r["content"].as_str().unwrap().ends_with("Bu randevuyu iptal edeyim mi?"), "{r}");
    let r = say(&app, &session, "Evet, iptal et").await;
    assert!(r["content"].as_str().unwrap().starts_with("Randevunuz iptal edildi"), "{r}");
    let id = mine[0]["id"].as_str().unwrap();
    let cancelled = app.get(&format!("/appointments/{id}"), &a.access).await;
    assert_eq!(cancelled.body["status"], "cancelled");
    let r = say(&app, &session, "randevum var mı?").await;
    assert!(r["content"].as_str().unwrap().contains("göremiyorum"), "{r}");

    // Another visitor cannot see or cancel it: their chat has no appointments.
    let stranger = app.post("/public/chat/init", None, json!({ "bot_public_key": bot["public_key"] })).await.body;
    let other = book_through_widget(&app, &session, "Zeynep Şahin").await;
    let r = say(&app, &stranger, "randevumu iptal et").await;
    assert!(r["content"].as_str().unwrap().contains("göremiyorum"), "{r}");
    let booked = app.collect_pages(&format!("/appointments?bot_id={bot_id}&status=booked"), &a.access).await;
    assert_eq!(booked.len(), 1);
    assert!(booked[0]["start"].as_str().unwrap().contains(&format!("T{other}:00")));
}

#[tokio::test]
async fn in_ai_mode_a_widget_visitor_books_with_the_model_which_must_give_a_phone_number() {
    let model = wiremock::MockServer::start().await;
    let base = format!("{}/v1", model.uri());
    let app = TestApp::spawn_with(move |k| match k {
        "LLM_BASE_URL" => Some(base.clone()),
        "LLM_API_KEY" => Some("sk-test".into()),
        _ => None,
    })
    .await;
    let a = app.register().await;
    let bot = booking_clinic(&app, &a).await;
    let bot_id = bot["id"].as_str().unwrap();
    assert_eq!(app.put(&format!("/bots/{bot_id}"), &a.access, json!({ "answer_mode": "ai" })).await.status, 200);
    let later = jiff::Timestamp::now().in_tz("Europe/Istanbul").unwrap().date().tomorrow().unwrap().tomorrow().unwrap();
    let start = format!("{later}T11:00");
    let script = [
        // Without a phone number the web chat's booking is refused; with one it is made.
        testkit::tool_call("c1", "book_appointment", json!({ "service": "Dolgu", "start": start, "name": "Can Öz" })),
        testkit::tool_call(
            "c2",
            "book_appointment",
            json!({ "service": "Dolgu", "start": start, "name": "Can Öz", "phone": "0533 111 22 33" }),
        ),
        json!({ "content": "Dolgu randevunuz alındı.\n[sources: none]" }),
    ];
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .respond_with(testkit::Script::new(script))
        .mount(&model)
        .await;
    let session = app.post("/public/chat/init", None, json!({ "bot_public_key": bot["public_key"] })).await.body;
    let r = say(&app, &session, &format!("{later} 11:00 dolgu için uygun, adım Can Öz, 0533 111 22 33")).await;
    assert_eq!(r["content"], "Dolgu randevunuz alındı.");
    let requests = testkit::model_requests(&model).await;
    let first_result = requests[1]["messages"].as_array().unwrap().last().unwrap()["content"].to_string();
    assert!(first_result.contains("phone"), "{first_result}");
    let upcoming = app.collect_pages(&format!("/appointments?bot_id={bot_id}"), &a.access).await;
    assert_eq!(upcoming.len(), 1);
    assert_eq!(upcoming[0]["source"], "web_widget");
    assert_eq!(upcoming[0]["customer"]["phone"], "+905331112233");
    assert_eq!(upcoming[0]["service_name"], "Dolgu");
}
