//! The numbers that matter: after a mixed workload through the API, the report equals a
//! recount of the conversations, messages and leads stored.

use serde_json::json;
use testkit::TestApp;

#[tokio::test]
async fn the_report_equals_a_recount_of_the_data_after_a_mixed_workload() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let clinic = app.create_bot(&owner, "Klinik").await;
    let shop = app.create_bot(&owner, "Mağaza").await;
    for bot in [&clinic, &shop] {
        app.import_clinic_knowledge(&owner, bot["id"].as_str().unwrap()).await;
    }
    let reply = |id: String, text: &'static str| {
        let app = &app;
        let token = owner.access.clone();
        async move {
            let r = app.post(&format!("/conversations/{id}/messages"), Some(&token), json!({ "content": text })).await;
            assert_eq!(r.status, 201, "{}", r.text);
        }
    };
    let action = |id: String, what: &'static str| {
        let app = &app;
        let token = owner.access.clone();
        async move {
            let r = app.call("POST", &format!("/conversations/{id}/{what}"), Some(&token), None).await;
            assert_eq!(r.status, 200, "{what}: {}", r.text);
        }
    };
    let mut sessions = Vec::new();
    for (i, bot) in [&clinic, &clinic, &clinic, &clinic, &shop, &shop].into_iter().enumerate() {
        let s = app.widget_chat(bot).await;
        let id = s["conversation_id"].as_str().unwrap().to_string();
        match i % 4 {
            // Answered by the bot alone, twice.
            0 => {
                app.say(&s, "Çalışma saatleriniz nedir?").await;
                app.say(&s, "Adresiniz nerede?").await;
            }
            // A question the bot cannot answer (a gap), then the team resolves it.
            1 => {
                app.say(&s, "Uzaya roket gönderiyor musunuz acaba?").await;
                action(id.clone(), "resolve").await;
            }
            // A person is asked for, answers, and resolves.
            2 => {
                app.say(&s, "Bir temsilciyle görüşmek istiyorum").await;
                reply(id.clone(), "Merhaba, buyrun").await;
                action(id.clone(), "resolve").await;
            }
            // Handed off, resolved unanswered, reopened by the customer, then answered.
            _ => {
                app.say(&s, "Yetkili biriyle konuşabilir miyim").await;
                action(id.clone(), "resolve").await;
                app.say(&s, "Hâlâ bekliyorum").await;
                reply(id.clone(), "Kusura bakmayın, buradayım").await;
            }
        }
        sessions.push(s);
    }
    let lead = app
        .post(
            "/public/leads",
            sessions[0]["visitor_token"].as_str(),
            json!({ "bot_public_key": clinic["public_key"], "name": "Deniz Ak", "phone": "0532 555 44 33" }),
        )
        .await;
    assert_eq!(lead.status, 201, "{}", lead.text);

    // The recount: every conversation and message as stored.
    let mut recount = json!({});
    for s in &sessions {
        let id = s["conversation_id"].as_str().unwrap();
        let c = app.get(&format!("/conversations/{id}"), &owner.access).await.body;
        let messages = app.collect_pages(&format!("/conversations/{id}/messages"), &owner.access).await;
        let key = format!("{}/{}", c["bot_id"].as_str().unwrap(), c["source"].as_str().unwrap());
        let entry = recount.as_object_mut().unwrap().entry(key).or_insert(json!({}));
        let mut add = |name: &str, by: usize| {
            let now = entry[name].as_u64().unwrap_or(0);
            entry[name] = json!(now + by as u64);
        };
        let by = |who: &str| messages.iter().filter(|m| m["sender"] == who).count();
        add("conversations", 1);
        add("customer_messages", by("user"));
        add("bot_messages", by("bot"));
        add("operator_messages", by("operator"));
        // A person took part: every handoff of this workload is answered by one.
        add("with_person", usize::from(by("operator") > 0));
        add("bot_first_response", usize::from(by("bot") > 0));
    }
    let report = app.get("/stats/report", &owner.access).await;
    assert_eq!(report.status, 200, "{}", report.text);
    for row in report.body["by_bot"].as_array().unwrap() {
        let key = format!("{}/{}", row["bot_id"].as_str().unwrap(), row["source"].as_str().unwrap());
        let f = &row["figures"];
        let expected = &recount[&key];
        for name in ["conversations", "customer_messages", "bot_messages", "operator_messages"] {
            assert_eq!(f[name], expected[name], "{key} {name}");
        }
        assert_eq!(f["bot_first_response"]["count"], expected["bot_first_response"], "{key}");
        let conversations = expected["conversations"].as_f64().unwrap();
        let share = (conversations - expected["with_person"].as_f64().unwrap()) / conversations;
        assert!((f["answered_by_bot_share"].as_f64().unwrap() - share).abs() < 0.001, "{key}: {f}");
    }
    let totals = &report.body["totals"];
    // Clinic: one bot-only (0), one gap resolved (1), one person resolved (2), one reopened (3);
    // shop: one bot-only (4), one gap resolved (5).
    assert_eq!(totals["conversations"], 6);
    assert_eq!(totals["gaps"], 2, "{totals}");
    assert_eq!(totals["handoffs"], 2, "{totals}");
    assert_eq!(totals["resolved"], 4, "{totals}");
    assert_eq!(totals["time_to_resolve"]["count"], 4);
    assert_eq!(totals["human_first_response"]["count"], 2, "the answered handoff and the answered reopening");
    assert_eq!(totals["leads"], 1);
    assert_eq!(totals["answered_by_bot_share"], json!(0.667), "four of six without a person");
    assert_eq!(totals["handoff_rate"], json!(0.333));
    assert!(totals["bot_first_response"]["median_seconds"].as_i64().unwrap() <= 2, "answered at once: {totals}");
    let today = report.body["to"].as_str().unwrap();
    let day = report.body["days"].as_array().unwrap().last().unwrap();
    assert_eq!((day["date"].as_str(), &day["figures"]["conversations"]), (Some(today), &json!(6)));
    assert_eq!(report.body["days"].as_array().unwrap().len(), 30);

    // Narrowed to a bot and a channel; exported for Excel.
    let shop_id = shop["id"].as_str().unwrap();
    let narrowed = app.get(&format!("/stats/report?bot_id={shop_id}&source=web_widget"), &owner.access).await.body;
    assert_eq!(narrowed["totals"]["conversations"], 2);
    let csv = app.get(&format!("/stats/report/export?from={today}&to={today}"), &owner.access).await;
    assert_eq!(csv.status, 200);
    assert!(csv.text.starts_with('\u{feff}'));
    assert_eq!(csv.text.lines().count(), 3, "a header and one line per bot and channel: {}", csv.text);
    assert!(csv.text.contains("Mağaza,web_widget,2,"), "{}", csv.text);

    // Careless and hostile queries.
    for bad in ["from=2026-13-01", "from=2026-01-02&to=2026-01-01", "from=2024-01-01&to=2026-01-01", "source=sms"] {
        assert_eq!(app.get(&format!("/stats/report?{bad}"), &owner.access).await.code(), "invalid_parameter", "{bad}");
    }
    let other = app.register().await;
    assert_eq!(app.get(&format!("/stats/report?bot_id={shop_id}"), &other.access).await.status, 404);
    assert_eq!(app.get("/stats/report", &other.access).await.body["totals"]["conversations"], 0);
}
