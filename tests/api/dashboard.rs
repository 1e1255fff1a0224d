//! The dashboard API: bots, knowledge, conversations, leads and stats.

use std::collections::HashSet;

use serde_json::{Value, json};
use testkit::{Account, TestApp};

fn ids(items: &[Value]) -> Vec<String> {
    items.iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
}

fn knowledge(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| json!({ "title": format!("Başlık {i}"), "question": format!("Soru {i}?"), "answer": format!("Cevap {i}.") }))
        .collect()
}

/// Parses a CSV download, checking the UTF-8 BOM that makes Excel read it as UTF-8.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let body = text.strip_prefix('\u{feff}').expect("CSV starts with a UTF-8 BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn bots_are_created_read_updated_and_listed() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let created = app
        .post(
            "/bots",
            Some(&a.access),
            json!({ "name": "Asistan", "language": "en", "primary_color": "#0e7c66", "widget_position": "left",
                    "allowed_origins": ["https://Shop.Example.com/", "http://localhost:3000"] }),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let bot = &created.body;
    assert_eq!(bot["primary_color"], "#0E7C66");
    assert_eq!(bot["widget_position"], "left");
    assert_eq!(bot["allowed_origins"], json!(["https://shop.example.com", "http://localhost:3000"]));
    assert_eq!(bot["is_active"], true);
    // 128+ bits of randomness, URL-safe.
    let key = bot["public_key"].as_str().unwrap();
    assert!(key.len() >= 24, "{key}");
    assert!(!bot["welcome_message"].as_str().unwrap().is_empty(), "a default welcome message in the bot's language");

    let id = bot["id"].as_str().unwrap();
    let updated = app.put(&format!("/bots/{id}"), &a.access, json!({ "name": "Yeni Ad", "is_active": false })).await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    assert_eq!(updated.body["name"], "Yeni Ad");
    assert_eq!(updated.body["language"], "en", "fields not sent keep their value");
    let read = app.get(&format!("/bots/{id}"), &a.access).await;
    assert_eq!(read.body["is_active"], false);
    let list = app.get("/bots", &a.access).await;
    assert_eq!(ids(list.body["items"].as_array().unwrap()), [id]);
}

#[tokio::test]
async fn bot_fields_are_validated_one_by_one() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let reply = app
        .post(
            "/bots",
            Some(&a.access),
            json!({ "name": "", "language": "de", "primary_color": "red", "widget_position": "top",
                    "allowed_origins": ["https://ok.example.com", "javascript:alert(1)"], "answer_mode": "magic" }),
        )
        .await;
    assert_eq!(reply.status, 422, "{}", reply.text);
    let fields: HashSet<String> = reply.error_fields().into_iter().collect();
    let expected: HashSet<String> =
        ["name", "language", "primary_color", "widget_position", "allowed_origins[1]", "answer_mode"]
            .into_iter()
            .map(String::from)
            .collect();
    assert_eq!(fields, expected);
    let unknown = app.post("/bots", Some(&a.access), json!({ "name": "x", "colour": "#fff" })).await;
    assert_eq!(unknown.status, 422, "{}", unknown.text);
    assert_eq!(app.get("/bots", &a.access).await.body["items"], json!([]), "nothing was written");
}

#[tokio::test]
async fn rotating_the_key_retires_the_old_one() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = app.create_bot(&a, "Asistan").await;
    let old = bot["public_key"].as_str().unwrap();
    let rotated =
        app.post(&format!("/bots/{}/rotate-key", bot["id"].as_str().unwrap()), Some(&a.access), json!({})).await;
    assert_eq!(rotated.status, 200, "{}", rotated.text);
    let new = rotated.body["public_key"].as_str().unwrap();
    assert_ne!(old, new);
    assert!(shared::store::bots::by_public_key(&app.state, old).await.unwrap().is_none());
    let found = shared::store::bots::by_public_key(&app.state, new).await.unwrap().expect("the new key finds the bot");
    assert_eq!(found.id, bot["id"].as_str().unwrap());
}

/// Every route that takes an id answers 404 to another tenant, and changes nothing.
#[tokio::test]
async fn another_tenants_ids_are_not_found_on_every_route() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let b = app.register().await;
    let bot = app.create_bot(&a, "A'nın botu").await;
    let bot_id = bot["id"].as_str().unwrap();
    app.import_knowledge(&a, bot_id, knowledge(1)).await;
    let item_id = app.get(&format!("/bots/{bot_id}/knowledge"), &a.access).await.body["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let conversation = app.conversation_with(&a, bot_id, "visitor-1", &["Merhaba"]).await;
    let cid = conversation.id.as_str();
    let lead = app.lead_with(&a, bot_id, "Ali", Some("ali@example.com"), None, Some(cid)).await;
    let lid = lead.id.as_str();
    let body = json!({ "name": "x", "title": "x", "answer": "x", "content": "x", "active": true, "status": "won" });
    let calls: Vec<(&str, String)> = vec![
        ("GET", format!("/bots/{bot_id}")),
        ("PUT", format!("/bots/{bot_id}")),
        ("DELETE", format!("/bots/{bot_id}")),
        ("POST", format!("/bots/{bot_id}/rotate-key")),
        ("GET", format!("/bots/{bot_id}/knowledge")),
        ("POST", format!("/bots/{bot_id}/knowledge")),
        ("PUT", format!("/bots/{bot_id}/knowledge/{item_id}")),
        ("DELETE", format!("/bots/{bot_id}/knowledge/{item_id}")),
        ("POST", format!("/bots/{bot_id}/knowledge/import")),
        ("GET", format!("/bots/{bot_id}/knowledge/export")),
        ("GET", format!("/bots/{bot_id}/conversations")),
        ("GET", format!("/bots/{bot_id}/leads")),
        ("GET", format!("/conversations/{cid}")),
        ("GET", format!("/conversations/{cid}/messages")),
        ("POST", format!("/conversations/{cid}/messages")),
        ("POST", format!("/conversations/{cid}/handoff")),
        ("DELETE", format!("/conversations/{cid}")),
        ("PATCH", format!("/leads/{lid}")),
        ("DELETE", format!("/leads/{lid}")),
    ];
    for (method, path) in &calls {
        let send = if matches!(*method, "GET" | "DELETE") { None } else { Some(body.clone()) };
        let reply = app.call(method, path, Some(&b.access), send).await;
        assert_eq!(reply.status, 404, "{method} {path}: {}", reply.text);
        assert_eq!(reply.code(), "not_found");
    }
    // B's tenant-wide views do not show A's data.
    assert_eq!(app.get("/leads", &b.access).await.body["items"], json!([]));
    assert_eq!(app.get("/bots", &b.access).await.body["items"], json!([]));
    assert_eq!(app.get("/stats/overview", &b.access).await.body["leads"]["total"], 0);
    // A's data is intact.
    assert_eq!(app.get(&format!("/bots/{bot_id}"), &a.access).await.body["name"], "A'nın botu");
    assert_eq!(
        app.get(&format!("/conversations/{cid}/messages"), &a.access).await.body["items"][0]["content"],
        "Merhaba"
    );
    assert_eq!(
        app.get(&format!("/bots/{bot_id}/knowledge"), &a.access).await.body["items"].as_array().unwrap().len(),
        1
    );
    assert_eq!(app.get("/leads", &a.access).await.body["items"][0]["status"], "new");
}

#[tokio::test]
async fn knowledge_fields_are_validated_against_their_limits() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = app.create_bot(&a, "Asistan").await;
    let path = format!("/bots/{}/knowledge", bot["id"].as_str().unwrap());
    let reply = app
        .post(&path, Some(&a.access), json!({ "title": "ş".repeat(201), "question": "ğ".repeat(501), "answer": "" }))
        .await;
    assert_eq!(reply.status, 422, "{}", reply.text);
    assert_eq!(reply.error_fields(), ["title", "question", "answer"]);
    // Limits count characters, not bytes: 200 Turkish letters are fine.
    let ok = app
        .post(
            &path,
            Some(&a.access),
            json!({ "title": "ş".repeat(200), "question": "ğ".repeat(500), "answer": "ü".repeat(4000) }),
        )
        .await;
    assert_eq!(ok.status, 201, "{}", ok.text);
    let item_id = ok.body["id"].as_str().unwrap();
    let edited = app
        .put(&format!("{path}/{item_id}"), &a.access, json!({ "title": "Fiyat", "question": "", "answer": "500 TL" }))
        .await;
    assert_eq!(edited.status, 200, "{}", edited.text);
    assert_eq!(edited.body["title"], "Fiyat");
    assert_eq!(app.delete(&format!("{path}/{item_id}"), &a.access).await.status, 204);
    assert_eq!(app.delete(&format!("{path}/{item_id}"), &a.access).await.status, 404);
}

#[tokio::test]
async fn an_import_with_one_bad_row_imports_nothing_and_names_the_row() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = app.create_bot(&a, "Asistan").await;
    let bot_id = bot["id"].as_str().unwrap();
    let csv = "\u{feff}title,question,answer\n\
               Saatler,\"Kaç, kaçta açıksınız?\",\"09:00-19:00\"\n\
               ,Boş başlık,Cevap\n\
               Fiyat,Ne kadar?,\n";
    let reply = app
        .request(
            "POST",
            &format!("/bots/{bot_id}/knowledge/import"),
            Some(&a.access),
            &[("content-type", "text/csv")],
            csv.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(reply.status, 422, "{}", reply.text);
    let errors: Vec<(u64, String)> = reply.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_u64().unwrap(), e["field"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(errors, [(2, "title".to_string()), (3, "answer".to_string())]);
    assert_eq!(app.get(&format!("/bots/{bot_id}/knowledge"), &a.access).await.body["items"], json!([]));

    let good =
        "title,question,answer\nSaatler,\"Kaç, kaçta açıksınız?\",\"Hafta içi \"\"09:00\"\"\nCumartesi kapalı\"\n";
    let reply = app
        .request(
            "POST",
            &format!("/bots/{bot_id}/knowledge/import"),
            Some(&a.access),
            &[("content-type", "text/csv; charset=utf-8")],
            good.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    assert_eq!(reply.body["imported"], 1);
    let items = app.get(&format!("/bots/{bot_id}/knowledge"), &a.access).await.body["items"].clone();
    assert_eq!(items[0]["question"], "Kaç, kaçta açıksınız?");
    assert_eq!(items[0]["answer"], "Hafta içi \"09:00\"\nCumartesi kapalı");

    let xml = app
        .request(
            "POST",
            &format!("/bots/{bot_id}/knowledge/import"),
            Some(&a.access),
            &[("content-type", "text/xml")],
            b"<a/>".to_vec(),
        )
        .await;
    assert_eq!(xml.status, 415, "{}", xml.text);
}

#[tokio::test]
async fn knowledge_export_round_trips_turkish_text_with_commas_quotes_and_newlines() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = app.create_bot(&a, "Asistan").await;
    let bot_id = bot["id"].as_str().unwrap();
    let tricky = json!({ "title": "Çalışma saatleri, İstanbul", "question": "\"Pazar\" günü açık mısınız?",
                         "answer": "Hayır.\nHafta içi 09:00–19:00; ŞĞÜÖÇİı",
                         "alternatives": ["=pazar açık mı", "Hafta sonu, \"pazar\" günü?"] });
    app.import_knowledge(&a, bot_id, vec![tricky.clone()]).await;
    let export = app.get(&format!("/bots/{bot_id}/knowledge/export"), &a.access).await;
    assert_eq!(export.status, 200);
    assert!(export.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let rows = parse_csv(&export.text);
    assert_eq!(rows[0], ["title", "question", "answer", "alternatives"]);
    assert_eq!(
        rows[1],
        [
            tricky["title"].as_str().unwrap(),
            tricky["question"].as_str().unwrap(),
            tricky["answer"].as_str().unwrap(),
            "'=pazar açık mı\nHafta sonu, \"pazar\" günü?"
        ]
    );

    // The export imports back unchanged into another bot.
    let other = app.create_bot(&a, "Kopya").await;
    let other_id = other["id"].as_str().unwrap();
    let reply = app.import_knowledge_csv(&a, other_id, &export.text).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    let copied = app.get(&format!("/bots/{other_id}/knowledge"), &a.access).await.body["items"][0].clone();
    assert_eq!(copied["answer"], tricky["answer"]);
    assert_eq!(copied["alternatives"], tricky["alternatives"]);
}

#[tokio::test]
async fn pagination_returns_each_of_250_items_exactly_once() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = app.create_bot(&a, "Asistan").await;
    let bot_id = bot["id"].as_str().unwrap();
    app.import_knowledge(&a, bot_id, knowledge(250)).await;
    for limit in [100, 37] {
        let items = app.collect_pages(&format!("/bots/{bot_id}/knowledge?limit={limit}"), &a.access).await;
        let all = ids(&items);
        let unique: HashSet<_> = all.iter().collect();
        assert_eq!((all.len(), unique.len()), (250, 250), "limit {limit}");
    }

    // Leads, newest first, across pages.
    for i in 0..250 {
        app.lead_with(&a, bot_id, &format!("Kişi {i}"), Some(&format!("kisi{i}@example.com")), None, None).await;
    }
    let leads = app.collect_pages("/leads?limit=60", &a.access).await;
    let lead_ids = ids(&leads);
    assert_eq!(lead_ids.iter().collect::<HashSet<_>>().len(), 250);
    assert_eq!(lead_ids.len(), 250);
    let mut sorted = lead_ids.clone();
    sorted.sort_by(|x, y| y.cmp(x));
    assert_eq!(lead_ids, sorted, "newest first");
    let by_bot = app.collect_pages(&format!("/bots/{bot_id}/leads?limit=100"), &a.access).await;
    assert_eq!(by_bot.len(), 250);
}

#[tokio::test]
async fn cursors_are_bound_to_the_tenant_and_tamper_proof() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let b = app.register().await;
    let bot = app.create_bot(&a, "Asistan").await;
    let bot_id = bot["id"].as_str().unwrap();
    app.import_knowledge(&a, bot_id, knowledge(3)).await;
    let page = app.get(&format!("/bots/{bot_id}/knowledge?limit=1"), &a.access).await;
    let cursor = page.body["next_cursor"].as_str().unwrap().to_string();

    // B's own bot, A's cursor.
    let b_bot = app.create_bot(&b, "B").await;
    let foreign =
        app.get(&format!("/bots/{}/knowledge?cursor={cursor}", b_bot["id"].as_str().unwrap()), &b.access).await;
    assert_eq!((foreign.status, foreign.code()), (400, "invalid_cursor"), "{}", foreign.text);

    // An edited cursor.
    let mut bytes = cursor.into_bytes();
    let mid = bytes.len() / 2;
    bytes[mid] = if bytes[mid] == b'A' { b'B' } else { b'A' };
    let edited = String::from_utf8(bytes).unwrap();
    let reply = app.get(&format!("/bots/{bot_id}/knowledge?cursor={edited}"), &a.access).await;
    assert_eq!((reply.status, reply.code()), (400, "invalid_cursor"), "{}", reply.text);

    let bad_limit = app.get(&format!("/bots/{bot_id}/knowledge?limit=0"), &a.access).await;
    assert_eq!(bad_limit.status, 400, "{}", bad_limit.text);
    assert_eq!(bad_limit.body["errors"][0]["field"].as_str().or(bad_limit.body["field"].as_str()), Some("limit"));
}

#[tokio::test]
async fn conversations_list_newest_activity_first_with_filters() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = app.create_bot(&a, "Asistan").await;
    let bot_id = bot["id"].as_str().unwrap();
    let first = app.conversation_with(&a, bot_id, "v1", &["ilk"]).await;
    let second = app.conversation_with(&a, bot_id, "v2", &["ikinci"]).await;
    let _third = app.conversation_with(&a, bot_id, "v3", &["üçüncü"]).await;
    // New activity moves the first one to the top.
    app.conversation_with(&a, bot_id, "v1", &["yeniden"]).await;
    let list = app.collect_pages(&format!("/bots/{bot_id}/conversations?limit=2"), &a.access).await;
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["id"], first.id.as_str());
    assert_eq!(list[0]["message_count"], 2);
    assert_eq!(list[0]["last_message_preview"], "yeniden");

    let handed =
        app.post(&format!("/conversations/{}/handoff", second.id), Some(&a.access), json!({ "active": true })).await;
    assert_eq!(handed.status, 200, "{}", handed.text);
    assert_eq!(handed.body["status"], "handed_off");
    let filtered = app.get(&format!("/bots/{bot_id}/conversations?status=handed_off"), &a.access).await;
    assert_eq!(ids(filtered.body["items"].as_array().unwrap()), [second.id.as_str()]);
    app.lead_with(&a, bot_id, "Ayşe", None, Some("+905321234567"), Some(&first.id)).await;
    let with_lead = app.get(&format!("/bots/{bot_id}/conversations?has_lead=true"), &a.access).await;
    assert_eq!(ids(with_lead.body["items"].as_array().unwrap()), [first.id.as_str()]);
    let widget = app.get(&format!("/bots/{bot_id}/conversations?source=whatsapp"), &a.access).await;
    assert_eq!(widget.body["items"], json!([]));
    let bad = app.get(&format!("/bots/{bot_id}/conversations?status=sleeping"), &a.access).await;
    assert_eq!(bad.status, 400, "{}", bad.text);

    let resumed =
        app.post(&format!("/conversations/{}/handoff", second.id), Some(&a.access), json!({ "active": false })).await;
    assert_eq!(resumed.body["status"], "bot");
}

#[tokio::test]
async fn an_operator_reply_is_stored_in_order_and_takes_the_conversation_over() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = app.create_bot(&a, "Asistan").await;
    let bot_id = bot["id"].as_str().unwrap();
    let conversation = app.conversation_with(&a, bot_id, "v1", &["Merhaba", "Fiyat nedir?"]).await;
    let path = format!("/conversations/{}/messages", conversation.id);
    let empty = app.post(&path, Some(&a.access), json!({ "content": "   " })).await;
    assert_eq!(empty.status, 422);
    assert_eq!(empty.error_fields(), ["content"]);
    let sent = app.post(&path, Some(&a.access), json!({ "content": "Merhaba, ben Ayşe. Yardımcı olayım." })).await;
    assert_eq!(sent.status, 201, "{}", sent.text);
    assert_eq!(sent.body["sender"], "operator");
    let messages = app.collect_pages(&format!("{path}?limit=2"), &a.access).await;
    let contents: Vec<&str> = messages.iter().map(|m| m["content"].as_str().unwrap()).collect();
    assert_eq!(contents, ["Merhaba", "Fiyat nedir?", "Merhaba, ben Ayşe. Yardımcı olayım."]);
    let after = app.get(&format!("/conversations/{}", conversation.id), &a.access).await;
    assert_eq!(after.body["status"], "handed_off", "an operator answering pauses the bot");
}

#[tokio::test]
async fn leads_are_searched_updated_exported_and_deleted() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = app.create_bot(&a, "Asistan").await;
    let bot_id = bot["id"].as_str().unwrap();
    let sule = app
        .lead_with(&a, bot_id, "Şule \"Çiçek\", Öztürk", Some("sule@example.com"), Some("+905551112233"), None)
        .await;
    app.lead_with(&a, bot_id, "Ali Veli", Some("ali@example.com"), None, None).await;

    // Search folds Turkish letters and case.
    let found = app.get("/leads?q=sule%20CICEK", &a.access).await;
    assert_eq!(ids(found.body["items"].as_array().unwrap()), [sule.id.as_str()]);
    let by_phone = app.get("/leads?q=5551112233", &a.access).await;
    assert_eq!(by_phone.body["items"].as_array().unwrap().len(), 1);
    let today = &sule.created_at[..10];
    let in_range = app.get(&format!("/leads?from={today}&to={today}"), &a.access).await;
    assert_eq!(in_range.body["items"].as_array().unwrap().len(), 2);
    let before = app.get("/leads?to=2000-01-01", &a.access).await;
    assert_eq!(before.body["items"], json!([]));
    let bad_date = app.get("/leads?from=yesterday", &a.access).await;
    assert_eq!(bad_date.status, 400, "{}", bad_date.text);

    let bad = app.patch(&format!("/leads/{}", sule.id), &a.access, json!({ "status": "maybe" })).await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.error_fields(), ["status"]);
    let notes = "Aradı, \"yarın\" tekrar arayacak\nÖncelik: yüksek";
    let updated =
        app.patch(&format!("/leads/{}", sule.id), &a.access, json!({ "status": "contacted", "notes": notes })).await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    assert_eq!(updated.body["status"], "contacted");
    let contacted = app.get("/leads?status=contacted", &a.access).await;
    assert_eq!(ids(contacted.body["items"].as_array().unwrap()), [sule.id.as_str()]);

    let export = app.get("/leads/export", &a.access).await;
    assert_eq!(export.status, 200, "{}", export.text);
    let rows = parse_csv(&export.text);
    assert_eq!(rows[0], ["id", "created_at", "bot", "name", "email", "phone", "status", "source", "notes"]);
    let row = rows.iter().find(|r| r[0] == sule.id.as_str()).expect("Şule's row");
    assert_eq!(row[3], "Şule \"Çiçek\", Öztürk");
    assert_eq!(row[5], "'+905551112233", "a leading + is neutralised, as every formula start");
    assert_eq!(row[6], "contacted");
    assert_eq!(row[8], notes);
    assert_eq!(rows.len(), 3);

    assert_eq!(app.delete(&format!("/leads/{}", sule.id), &a.access).await.status, 204);
    assert_eq!(app.get("/leads", &a.access).await.body["items"].as_array().unwrap().len(), 1);
    // Her email is free again: a new save makes a new lead rather than reviving the deleted one.
    let again = app.lead_with(&a, bot_id, "Şule", Some("sule@example.com"), None, None).await;
    assert_ne!(again.id, sule.id);
}

#[tokio::test]
async fn deleting_a_bot_leaves_nothing_behind() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let keep = app.create_bot(&a, "Kalan").await;
    let keep_id = keep["id"].as_str().unwrap();
    app.import_knowledge(&a, keep_id, knowledge(2)).await;
    let non_counter = |i: &std::collections::HashMap<String, aws_sdk_dynamodb::types::AttributeValue>| {
        let sk = i.get("SK").and_then(|v| v.as_s().ok()).cloned().unwrap_or_default();
        !(sk == "STATS" || sk.starts_with("DAY#"))
    };
    let before: usize = app.all_items().await.iter().filter(|i| non_counter(i)).count();

    let bot = app.create_bot(&a, "Silinecek").await;
    let bot_id = bot["id"].as_str().unwrap();
    app.import_knowledge(&a, bot_id, knowledge(600)).await;
    for v in 0..30 {
        let c = app.conversation_with(&a, bot_id, &format!("v{v}"), &["a", "b", "c"]).await;
        if v % 3 == 0 {
            app.lead_with(&a, bot_id, "Kişi", Some(&format!("k{v}@example.com")), Some("+905321234567"), Some(&c.id))
                .await;
        }
    }
    let reply = app.delete(&format!("/bots/{bot_id}"), &a.access).await;
    assert_eq!(reply.status, 204, "{}", reply.text);

    let items = app.all_items().await;
    let mentions: Vec<_> = items
        .iter()
        .filter(|item| item.values().any(|v| v.as_s().is_ok_and(|s| s.contains(bot_id))))
        .map(|item| format!("{:?}/{:?}", item.get("PK"), item.get("SK")))
        .collect();
    assert!(mentions.is_empty(), "left behind: {mentions:?}");
    let public_key = bot["public_key"].as_str().unwrap();
    assert!(!items.iter().any(|i| i.values().any(|v| v.as_s().is_ok_and(|s| s.contains(public_key)))));
    // Apart from counters, the table is as it was before the bot existed; the other bot is untouched.
    assert_eq!(items.iter().filter(|i| non_counter(i)).count(), before);
    assert_eq!(
        app.get(&format!("/bots/{keep_id}/knowledge"), &a.access).await.body["items"].as_array().unwrap().len(),
        2
    );
    assert_eq!(app.get(&format!("/bots/{bot_id}"), &a.access).await.status, 404);
}

#[tokio::test]
async fn stats_counters_match_the_data_after_creates_and_deletes() {
    let app = TestApp::spawn().await;
    let a: Account = app.register().await;
    let one = app.create_bot(&a, "Bir").await;
    let two = app.create_bot(&a, "İki").await;
    let (one_id, two_id) = (one["id"].as_str().unwrap(), two["id"].as_str().unwrap());
    let c1 = app.conversation_with(&a, one_id, "v1", &["a", "b"]).await;
    let c2 = app.conversation_with(&a, one_id, "v2", &["a"]).await;
    app.conversation_with(&a, two_id, "v3", &["a", "b", "c"]).await;
    app.lead_with(&a, one_id, "Ali", Some("ali@example.com"), None, Some(&c1.id)).await;
    let gone = app.lead_with(&a, one_id, "Veli", Some("veli@example.com"), None, None).await;
    app.lead_with(&a, two_id, "Ayşe", None, Some("+905321234567"), None).await;
    app.post(&format!("/conversations/{}/handoff", c1.id), Some(&a.access), json!({ "active": true })).await;
    app.post(&format!("/conversations/{}/messages", c2.id), Some(&a.access), json!({ "content": "Buradayım" })).await;

    // Deletes: a lead, a conversation, then a whole bot.
    assert_eq!(app.delete(&format!("/leads/{}", gone.id), &a.access).await.status, 204);
    assert_eq!(app.delete(&format!("/conversations/{}", c2.id), &a.access).await.status, 204);
    assert_eq!(app.delete(&format!("/bots/{two_id}"), &a.access).await.status, 204);

    let stats = app.get("/stats/overview", &a.access).await;
    assert_eq!(stats.status, 200, "{}", stats.text);
    let s = &stats.body;
    // What is left: bot one with c1 (2 messages) and Ali's lead.
    assert_eq!(s["bots"], 1);
    assert_eq!(s["conversations"]["total"], 1);
    assert_eq!(s["conversations"]["last_7_days"], 1);
    assert_eq!(s["messages"]["total"], 2);
    assert_eq!(s["leads"]["total"], 1);
    assert_eq!(s["handoffs"]["total"], 2, "handoffs count events: c1 by the dashboard, c2 by an operator reply");
    let daily = s["daily"].as_array().unwrap();
    assert_eq!(daily.len(), 7);
    assert_eq!(daily[6]["date"].as_str().unwrap(), &c1.created_at[..10]);
    assert_eq!(daily[6]["messages"], 2);
    assert_eq!(daily[6]["leads"], 1);

    // The same figures, counted from the API's own listings.
    assert_eq!(app.get("/bots", &a.access).await.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(app.get("/leads", &a.access).await.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.get(&format!("/bots/{one_id}/conversations"), &a.access).await.body["items"].as_array().unwrap().len(),
        1
    );
}

/// DynamoDB's size of an attribute value (names and values in UTF-8 bytes, numbers roughly).
fn attribute_size(v: &aws_sdk_dynamodb::types::AttributeValue) -> usize {
    use aws_sdk_dynamodb::types::AttributeValue as A;
    match v {
        A::S(s) => s.len(),
        A::N(n) => n.len().div_ceil(2) + 1,
        A::Bool(_) | A::Null(_) => 1,
        A::L(l) => 3 + l.iter().map(|x| 1 + attribute_size(x)).sum::<usize>(),
        A::M(m) => 3 + m.iter().map(|(k, x)| 1 + k.len() + attribute_size(x)).sum::<usize>(),
        A::Ss(s) => s.iter().map(String::len).sum(),
        _ => 8,
    }
}

/// The cost of one load of the conversation list (the dashboard's busiest page), for
/// docs/performance.md: the calls counted on the SDK clients, the read units computed from
/// the sizes of the items read with DynamoDB's rules.
#[tokio::test]
async fn a_conversation_list_page_costs_three_calls_and_a_few_read_units() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let bot = app.post("/bots", Some(&account.access), json!({ "name": "Liste" })).await.body;
    let bot_id = bot["id"].as_str().unwrap();
    for _ in 0..25 {
        let r = app.post("/public/chat/init", None, json!({ "bot_public_key": bot["public_key"] })).await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
    app.state.aws_calls.take();
    let page = app.get(&format!("/bots/{bot_id}/conversations"), &account.access).await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert_eq!(page.body["items"].as_array().unwrap().len(), 25);
    let calls = app.state.aws_calls.take();
    assert_eq!(calls.values().sum::<u32>(), 3, "{calls:?}");
    // The caller's membership (a query without X-Tenant-Id), the bot, the page.
    assert_eq!(calls.get("DynamoDB.GetItem"), Some(&1), "{calls:?}");

    // The same query the handler runs, to weigh what it read.
    let tenant = account.tenant_id.clone();
    let out = app
        .state
        .dynamo
        .query()
        .table_name(app.state.table())
        .index_name(shared::keys::GSI1)
        .key_condition_expression("GSI1PK = :pk")
        .expression_attribute_values(
            ":pk",
            aws_sdk_dynamodb::types::AttributeValue::S(shared::keys::bot_conversations_gsi1pk(&tenant, &bot_id.into())),
        )
        .send()
        .await
        .unwrap();
    let bytes: usize =
        out.items().iter().map(|item| item.iter().map(|(k, v)| k.len() + attribute_size(v)).sum::<usize>()).sum();
    // GSI reads are eventually consistent: half a unit per 4 KB read. The caller's membership
    // and the bot are small items: one read unit each at most.
    let query_units = bytes.div_ceil(4096) as f64 * 0.5;
    println!(
        "conversation list, 25 conversations: {calls:?}; query read {bytes} bytes = {query_units} RCU; total {} RCU, 0 WCU",
        query_units + 2.0
    );
    assert!(query_units <= 4.0);
}

#[tokio::test]
async fn the_largest_import_fits_and_one_item_more_is_refused_with_nothing_written() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = app.create_bot(&a, "Asistan").await;
    let bot_id = bot["id"].as_str().unwrap();
    // 2,000 items in Turkish (two bytes a letter) filling a body to just under the 6 MB limit,
    // which Lambda's synchronous payload limit sets: 100-, 200- and 1,100-letter fields.
    let items: Vec<Value> = (0..2000)
        .map(|i| {
            json!({
                "title": format!("{i:04} {}", "ş".repeat(95)),
                "question": format!("{i:04} {}", "ğ".repeat(195)),
                "answer": format!("{i:04} {}", "ç".repeat(1095)),
            })
        })
        .collect();
    let body = json!({ "items": items }).to_string();
    assert!(body.len() > 5_500_000 && body.len() < 6 * 1024 * 1024, "{} bytes", body.len());
    let started = std::time::Instant::now();
    let reply = app.import_knowledge_raw(&a, bot_id, "application/json", body.into_bytes()).await;
    assert_eq!(reply.status, 201, "{}", &reply.text[..reply.text.len().min(500)]);
    assert_eq!(reply.body["imported"], 2000);
    println!("2,000-item import against moto: {:.1} s", started.elapsed().as_secs_f64());

    // Full: one more item, alone or in an import, writes nothing.
    let one = app.post(&format!("/bots/{bot_id}/knowledge"), Some(&a.access), knowledge(1)[0].clone()).await;
    assert_eq!((one.status, one.code()), (409, "knowledge_limit"), "{}", one.text);
    let more =
        app.post(&format!("/bots/{bot_id}/knowledge/import"), Some(&a.access), json!({ "items": knowledge(2) })).await;
    assert_eq!((more.status, more.code()), (409, "knowledge_limit"), "{}", more.text);
    let huge = app
        .request(
            "POST",
            &format!("/bots/{bot_id}/knowledge/import"),
            Some(&a.access),
            &[("content-type", "text/csv")],
            vec![b'x'; 6 * 1024 * 1024 + 1],
        )
        .await;
    assert_eq!((huge.status, huge.code()), (413, "payload_too_large"));
    let stored = app.collect_pages(&format!("/bots/{bot_id}/knowledge?limit=100"), &a.access).await;
    assert_eq!(stored.len(), 2000);
    assert_eq!(stored.iter().map(|k| k["id"].as_str().unwrap()).collect::<HashSet<_>>().len(), 2000);
    assert_eq!(app.get(&format!("/bots/{bot_id}"), &a.access).await.body["knowledge_count"], 2000);
}

#[tokio::test]
async fn csv_exports_never_carry_a_live_formula_and_knowledge_round_trips_exactly() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = app.create_bot(&a, "Asistan").await;
    let bot_id = bot["id"].as_str().unwrap();
    let hostile = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+1+1",
        "-2+3",
        "@SUM(A1:A2)",
        "\tsekmeyle",
        "'alıntıyla başlayan",
        "''iki alıntı",
        "Normal metin",
    ];
    let items: Vec<Value> = hostile
        .iter()
        .map(|h| json!({ "title": h, "question": format!("{h} soru"), "answer": format!("{h} cevap") }))
        .collect();
    app.import_knowledge(&a, bot_id, items).await;
    let export = app.get(&format!("/bots/{bot_id}/knowledge/export"), &a.access).await;
    let rows = parse_csv(&export.text);
    for row in &rows[1..] {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "a live formula: {cell:?}");
        }
    }
    // Imported back, every cell is exactly what was exported.
    let other = app.create_bot(&a, "Kopya").await;
    let other_id = other["id"].as_str().unwrap();
    let reply = app.import_knowledge_csv(&a, other_id, &export.text).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    let copied = app.collect_pages(&format!("/bots/{other_id}/knowledge"), &a.access).await;
    let mut titles: Vec<&str> = copied.iter().map(|k| k["title"].as_str().unwrap()).collect();
    // (Compared with what the first bot stored: titles are trimmed on the way in.)
    let original = app.collect_pages(&format!("/bots/{bot_id}/knowledge"), &a.access).await;
    let mut expected: Vec<&str> = original.iter().map(|k| k["title"].as_str().unwrap()).collect();
    titles.sort();
    expected.sort();
    assert_eq!(titles, expected);
    assert!(expected.contains(&"=HYPERLINK(\"http://x\",\"y\")") && expected.contains(&"''iki alıntı"));

    // A lead named as a formula is exported as text.
    let lead = app.lead_with(&a, bot_id, "=HYPERLINK(\"http://x\",\"y\")", Some("x@example.com"), None, None).await;
    let export = app.get("/leads/export", &a.access).await;
    let rows = parse_csv(&export.text);
    let row = rows.iter().find(|r| r[0] == lead.id.as_str()).expect("the lead's row");
    assert_eq!(row[3], "'=HYPERLINK(\"http://x\",\"y\")");
}

#[tokio::test]
async fn a_knowledge_base_read_during_an_import_is_never_cached_under_the_final_version() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = app.create_bot(&a, "Asistan").await;
    let bot_id = bot["id"].as_str().unwrap().to_string();
    // A reader (a worker's container) loads the knowledge base while 1,500 items are written,
    // noting the version it would cache them under.
    let reader_state = app.state.clone();
    let (tenant, reader_bot) = (a.tenant_id.clone(), shared::ids::BotId::from(bot_id.as_str()));
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop = done.clone();
    let reader = tokio::spawn(async move {
        let mut seen = Vec::new();
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            let bot = shared::store::bots::get_bot(&reader_state, &tenant, &reader_bot).await.unwrap().unwrap();
            let items = shared::store::knowledge::all(&reader_state, &tenant, &reader_bot).await.unwrap();
            seen.push((bot.knowledge_version, items.len()));
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        seen
    });
    app.import_knowledge(&a, &bot_id, knowledge(1_500)).await;
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let seen = reader.await.unwrap();
    let final_version = shared::store::bots::get_bot(&app.state, &a.tenant_id, &bot_id.as_str().into())
        .await
        .unwrap()
        .unwrap()
        .knowledge_version;
    let partial: Vec<&(u64, usize)> = seen.iter().filter(|(_, n)| *n < 1_500).collect();
    println!("reads during the import: {} ({} saw part of it)", seen.len(), partial.len());
    assert!(
        partial.iter().all(|(v, _)| *v < final_version),
        "a partial read cached under the final version: {partial:?}"
    );
}

#[tokio::test]
async fn a_bot_keeps_its_persona_and_instructions_within_their_limit() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = app.create_bot(&a, "Asistan").await;
    let bot_id = bot["id"].as_str().unwrap();
    assert_eq!(bot["instructions"], "");
    let saved = app
        .put(&format!("/bots/{bot_id}"), &a.access, json!({ "instructions": "  Müşterilere 'siz' diye hitap et.  " }))
        .await;
    assert_eq!((saved.status, saved.body["instructions"].as_str()), (200, Some("Müşterilere 'siz' diye hitap et.")));
    let long = app.put(&format!("/bots/{bot_id}"), &a.access, json!({ "instructions": "x".repeat(2001) })).await;
    assert_eq!((long.status, long.error_fields()), (422, vec!["instructions".to_string()]));
}

#[tokio::test]
async fn turkish_excel_csv_imports_with_semicolons_turkish_headers_and_windows_1254() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = app.create_bot(&a, "Asistan").await;
    let bot_id = bot["id"].as_str().unwrap();
    // What Turkish Excel saves as "CSV (noktalı virgülle ayrılmış)": Windows-1254, `;`.
    let text =
        "Başlık;Soru;Cevap\r\nÇalışma saatleri;Kaçta açıksınız?;Hafta içi 09:00-19:00, cumartesi 10:00-16:00.\r\n";
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1254.encode(text);
    assert!(!lossy);
    assert!(std::str::from_utf8(&bytes).is_err(), "the body really is not UTF-8");
    let reply = app.import_knowledge_raw(&a, bot_id, "text/csv", bytes.into_owned()).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    let items = app.get(&format!("/bots/{bot_id}/knowledge"), &a.access).await.body["items"].clone();
    assert_eq!(items[0]["title"], "Çalışma saatleri");
    assert_eq!(items[0]["answer"], "Hafta içi 09:00-19:00, cumartesi 10:00-16:00.");

    // The Turkish export is `;`-separated with Turkish headers and imports back unchanged.
    let export = app.get(&format!("/bots/{bot_id}/knowledge/export?locale=tr"), &a.access).await;
    assert!(export.text.starts_with("\u{feff}Başlık;Soru;Cevap;Alternatif sorular"), "{}", export.text);
    let other = app.create_bot(&a, "Kopya").await;
    let other_id = other["id"].as_str().unwrap();
    assert_eq!(app.import_knowledge_csv(&a, other_id, &export.text).await.status, 201);
    let copied = app.get(&format!("/bots/{other_id}/knowledge"), &a.access).await.body["items"][0].clone();
    assert_eq!(
        (copied["title"].clone(), copied["answer"].clone()),
        (items[0]["title"].clone(), items[0]["answer"].clone())
    );
}
