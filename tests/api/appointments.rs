//! Booking calendars, free slots and appointments booked, moved and cancelled by the team.

use futures::future::join_all;
use jiff::civil::Date;
use serde_json::{Value, json};
use testkit::{Account, TestApp};

const TZ: &str = "Europe/Istanbul";

/// A day well inside the booking window, `days` from today in Istanbul.
pub(crate) fn day(days: i64) -> Date {
    jiff::Timestamp::now().in_tz(TZ).unwrap().date().checked_add(jiff::Span::new().days(days)).unwrap()
}

fn every_day(from: &str, to: &str) -> Value {
    let d = json!([{ "from": from, "to": to }]);
    json!({ "mon": d, "tue": d, "wed": d, "thu": d, "fri": d, "sat": d, "sun": d })
}

/// A clinic open every day 09:00–18:00 with two dentists, a 30-minute cleaning (10 minutes'
/// buffer) and a 20-minute check-up only the first dentist gives.
fn clinic(version: u64) -> Value {
    json!({
        "version": version,
        "time_zone": TZ,
        "slot_step_minutes": 30,
        "buffer_minutes": 10,
        "min_notice_minutes": 0,
        "max_days_ahead": 90,
        "resources": [
            { "id": "01jfnq0p1q2r3s4t5v6w7x8y9a", "name": "Dt. Elif Kaya", "hours": every_day("09:00", "18:00") },
            { "id": "01jfnq0p1q2r3s4t5v6w7x8y9b", "name": "Dt. Can Demir", "hours": every_day("09:00", "18:00") }
        ],
        "services": [
            { "id": "01jfnq0c1d2e3f4g5h6j7k8m9a", "name": "Diş temizliği", "duration_minutes": 30, "price_text": "1.200 TL" },
            { "id": "01jfnq0c1d2e3f4g5h6j7k8m9b", "name": "Muayene", "duration_minutes": 20, "resource_ids": ["01jfnq0p1q2r3s4t5v6w7x8y9a"] }
        ],
        "closures": []
    })
}
pub(crate) const ELIF: &str = "01jfnq0p1q2r3s4t5v6w7x8y9a";
const CAN: &str = "01jfnq0p1q2r3s4t5v6w7x8y9b";
const CLEANING: &str = "01jfnq0c1d2e3f4g5h6j7k8m9a";

pub(crate) async fn clinic_bot(app: &TestApp, account: &Account) -> String {
    let bot = app.create_bot(account, "Gülümse Diş").await;
    let bot_id = bot["id"].as_str().unwrap().to_string();
    let saved = app.put(&format!("/bots/{bot_id}/calendar"), &account.access, clinic(0)).await;
    assert_eq!(saved.status, 200, "{}", saved.text);
    bot_id
}

pub(crate) fn booking(bot_id: &str, start: &str, resource: Option<&str>) -> Value {
    json!({
        "bot_id": bot_id,
        "service_id": CLEANING,
        "resource_id": resource,
        "start": start,
        "customer": { "name": "Ayşe Yılmaz", "phone": "+905321234567" }
    })
}

pub(crate) fn at(d: Date, hhmm: &str) -> String {
    format!("{d}T{hhmm}")
}

#[tokio::test]
async fn a_calendar_is_saved_at_the_version_read_and_checked_field_by_field() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot = app.create_bot(&a, "Klinik").await;
    let path = format!("/bots/{}/calendar", bot["id"].as_str().unwrap());
    let empty = app.get(&path, &a.access).await;
    assert_eq!(empty.status, 200);
    assert_eq!(empty.body["version"], 0);
    assert_eq!(empty.body["time_zone"], TZ);
    assert_eq!(empty.body["services"], json!([]));

    let first = app.put(&path, &a.access, clinic(0)).await;
    assert_eq!(first.body["version"], 1, "{}", first.text);
    assert_eq!(first.body["services"][0]["price_text"], "1.200 TL");
    // A second writer who also read version 0 is refused, and nothing changes.
    let mut other = clinic(0);
    other["services"][0]["name"] = json!("Başka");
    let stale = app.put(&path, &a.access, other).await;
    assert_eq!(stale.status, 409, "{}", stale.text);
    assert_eq!(stale.code(), "version_conflict");
    assert_eq!(app.get(&path, &a.access).await.body["services"][0]["name"], "Diş temizliği");
    let second = app.put(&path, &a.access, clinic(1)).await;
    assert_eq!(second.body["version"], 2);

    let mut bad = clinic(2);
    bad["services"][0]["duration_minutes"] = json!(235);
    bad["resources"][1]["hours"]["mon"] =
        json!([{ "from": "09:00", "to": "13:00" }, { "from": "12:00", "to": "18:00" }]);
    bad["closures"] = json!([{ "from": "2027-01-02", "to": "2027-01-01" }]);
    let refused = app.put(&path, &a.access, bad).await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    let fields = refused.error_fields();
    for f in ["services[0].duration_minutes", "resources[1].hours.mon[1].from", "closures[0].to"] {
        assert!(fields.contains(&f.to_string()), "{f} not in {fields:?}");
    }
    let mut unknown = clinic(2);
    unknown["resources"][0]["hours"]["mon"] = json!([{ "from": "9:00", "to": "18:00" }]);
    let refused = app.put(&path, &a.access, unknown).await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    assert_eq!(app.get(&path, &a.access).await.body["version"], 2);
}

#[tokio::test]
async fn slots_leave_out_what_is_booked_with_its_buffer() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot_id = clinic_bot(&app, &a).await;
    let d = day(10);
    let slots_path = format!("/bots/{bot_id}/slots?service_id={CLEANING}&from={d}&to={d}&resource_id={ELIF}");
    let slots = app.get(&slots_path, &a.access).await;
    assert_eq!(slots.status, 200, "{}", slots.text);
    let all = slots.body["slots"].as_array().unwrap().clone();
    assert_eq!(all.len(), 18, "09:00 to 17:30 every 30 minutes");
    assert!(all[0]["start"].as_str().unwrap().ends_with("T09:00:00+03:00"));
    assert_eq!(all[0]["resource_name"], "Dt. Elif Kaya");

    let booked = app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "10:00"), Some(ELIF))).await;
    assert_eq!(booked.status, 201, "{}", booked.text);
    assert_eq!(booked.body["status"], "booked");
    assert_eq!(booked.body["source"], "dashboard");
    assert!(booked.body["end"].as_str().unwrap().ends_with("T10:30:00+03:00"));
    let after = app.get(&slots_path, &a.access).await.body["slots"].as_array().unwrap().clone();
    let times: Vec<&str> = after.iter().map(|s| &s["start"].as_str().unwrap()[11..16]).collect();
    // 10:00 is taken, and 09:30 too: a 30-minute cleaning plus 10 minutes' buffer would run into it;
    // 10:30 falls inside the buffer after 10:00–10:30.
    assert!(!times.contains(&"10:00") && !times.contains(&"09:30") && !times.contains(&"10:30"), "{times:?}");
    assert!(times.contains(&"09:00") && times.contains(&"11:00"));
    assert_eq!(after.len(), 15);

    for (query, field) in [
        (format!("service_id={CLEANING}&from={d}&to=2020-01-01"), "to"),
        (format!("service_id={CLEANING}&from=yarın&to={d}"), "from"),
        (format!("from={d}&to={d}"), "service_id"),
        (format!("service_id={CLEANING}&from={d}&to={}", day(30)), "to"),
    ] {
        let reply = app.get(&format!("/bots/{bot_id}/slots?{query}"), &a.access).await;
        assert_eq!(reply.status, 400, "{query}: {}", reply.text);
        assert_eq!(reply.error_fields(), [field.to_string()]);
    }
    let unknown = app.get(&format!("/bots/{bot_id}/slots?service_id={ELIF}&from={d}&to={d}"), &a.access).await;
    assert_eq!(unknown.status, 404);
}

#[tokio::test]
async fn twenty_bookings_of_one_time_at_once_give_exactly_one_appointment() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot_id = clinic_bot(&app, &a).await;
    let d = day(12);
    let replies = join_all(
        (0..20).map(|_| app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "11:00"), Some(ELIF)))),
    )
    .await;
    let won: Vec<_> = replies.iter().filter(|r| r.status == 201).collect();
    assert_eq!(won.len(), 1, "{:?}", replies.iter().map(|r| r.status).collect::<Vec<_>>());
    for lost in replies.iter().filter(|r| r.status != 201) {
        assert_eq!(lost.status, 409, "{}", lost.text);
        assert_eq!(lost.code(), "slot_taken");
        let alternatives = lost.body["alternatives"].as_array().unwrap();
        assert!(!alternatives.is_empty() && alternatives.len() <= 3);
        assert!(alternatives.iter().all(|s| s["resource_id"] == ELIF));
        // 11:30 would run into 11:00–11:30 and its buffer; 12:00 is the next free time.
        assert_eq!(alternatives[0]["start"], format!("{d}T12:00:00+03:00"));
    }
    let from = format!("{d}T00:00:00Z");
    let listed = app.collect_pages(&format!("/appointments?from={from}&to={}T00:00:00Z", day(13)), &a.access).await;
    assert_eq!(listed.len(), 1);

    // Any free dentist: twenty at once at 15:00 fill both dentists, no more.
    let replies =
        join_all((0..20).map(|_| app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "15:00"), None))))
            .await;
    let won: Vec<&Value> = replies.iter().filter(|r| r.status == 201).map(|r| &r.body).collect();
    assert_eq!(won.len(), 2);
    let mut dentists: Vec<&str> = won.iter().map(|b| b["resource_id"].as_str().unwrap()).collect();
    dentists.sort();
    assert_eq!(dentists, [ELIF, CAN]);
}

#[tokio::test]
async fn overlapping_times_are_refused_and_the_buffer_is_kept() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot_id = clinic_bot(&app, &a).await;
    let d = day(14);
    let book = |start: &str| app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, start), Some(ELIF)));
    assert_eq!(book("10:00").await.status, 201);
    assert_eq!(book("10:15").await.status, 409, "overlaps 10:00–10:30");
    assert_eq!(book("09:35").await.status, 409, "its buffer runs into 10:00");
    assert_eq!(book("10:35").await.status, 409, "inside the buffer after 10:30");
    assert_eq!(book("10:40").await.status, 201, "right after the buffer");
    assert_eq!(book("09:20").await.status, 201, "ends 09:50, buffer until 10:00");
    // The other dentist is free at 10:00.
    let other = app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "10:00"), Some(CAN))).await;
    assert_eq!(other.status, 201);
}

#[tokio::test]
async fn bad_bookings_name_the_field_and_write_nothing() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot_id = clinic_bot(&app, &a).await;
    let d = day(15);
    let cases = [
        (json!({ "start": at(d, "10:03") }), "start", "off_step"),
        (json!({ "start": "yarın 10" }), "start", "invalid_format"),
        (json!({ "start": at(d, "19:00") }), "start", "outside_hours"),
        (json!({ "start": at(d, "17:45") }), "start", "outside_hours"),
        (json!({ "service_id": ELIF }), "service_id", "unknown"),
        (json!({ "resource_id": "01jfnq0p1q2r3s4t5v6w7x8y9z" }), "resource_id", "unknown"),
        (json!({ "customer": { "name": "", "phone": "+90532" } }), "customer.name", "required"),
        (json!({ "customer": { "name": "Ali", "phone": "0532 abc" } }), "customer.phone", "invalid_phone"),
        (json!({ "customer": { "name": "Ali", "email": "ali@" } }), "customer.email", "invalid_email"),
        (json!({ "lead_id": "01jfnq0p1q2r3s4t5v6w7x8y9z" }), "lead_id", "unknown"),
    ];
    for (change, field, code) in cases {
        let mut body = booking(&bot_id, &at(d, "10:00"), Some(ELIF));
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let reply = app.post("/appointments", Some(&a.access), body).await;
        assert_eq!(reply.status, 422, "{field}: {}", reply.text);
        let errors = reply.body["errors"].as_array().unwrap();
        assert!(
            errors.iter().any(|e| e["field"] == field && e["code"] == code),
            "{field}/{code} not in {}",
            reply.text
        );
    }
    let listed =
        app.collect_pages(&format!("/appointments?from={}T00:00:00Z&to={}T00:00:00Z", d, day(16)), &a.access).await;
    assert!(listed.is_empty());
    // A receptionist can book outside hours on purpose.
    let mut late = booking(&bot_id, &at(d, "19:00"), Some(ELIF));
    late["outside_hours"] = json!(true);
    assert_eq!(app.post("/appointments", Some(&a.access), late).await.status, 201);
}

#[tokio::test]
async fn cancelling_frees_the_time_and_statuses_change_only_as_allowed() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot_id = clinic_bot(&app, &a).await;
    let d = day(16);
    let first = app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "13:00"), Some(ELIF))).await;
    let id = first.body["id"].as_str().unwrap().to_string();
    let path = format!("/appointments/{id}");
    let cancelled = app.patch(&path, &a.access, json!({ "status": "cancelled", "notes": "Hasta aradı" })).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.text);
    assert_eq!(cancelled.body["notes"], "Hasta aradı");
    let again = app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "13:00"), Some(ELIF))).await;
    assert_eq!(again.status, 201, "the cancelled time is free: {}", again.text);
    let back = app.patch(&path, &a.access, json!({ "status": "booked" })).await;
    assert_eq!(back.status, 422);
    assert_eq!(back.code(), "invalid_transition");
    let moved = app.patch(&path, &a.access, json!({ "start": at(d, "15:00") })).await;
    assert_eq!(moved.code(), "invalid_transition");

    let second_path = format!("/appointments/{}", again.body["id"].as_str().unwrap());
    assert_eq!(app.patch(&second_path, &a.access, json!({ "status": "completed" })).await.body["status"], "completed");
    assert_eq!(app.patch(&second_path, &a.access, json!({ "status": "no_show" })).await.body["status"], "no_show");
    // A no-show still held its time: nobody else was booked into it.
    let taken = app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "13:00"), Some(ELIF))).await;
    assert_eq!(taken.status, 409);
    let bad = app.patch(&second_path, &a.access, json!({ "status": "gone" })).await;
    assert_eq!(bad.status, 422, "{}", bad.text);
}

#[tokio::test]
async fn a_move_takes_the_new_time_and_frees_the_old_in_one_step() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot_id = clinic_bot(&app, &a).await;
    let d = day(17);
    let booked = app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "09:00"), Some(ELIF))).await;
    let path = format!("/appointments/{}", booked.body["id"].as_str().unwrap());
    let blocker = app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "12:00"), Some(ELIF))).await;
    assert_eq!(blocker.status, 201);

    // Into a taken time: refused, and it stays where it was.
    let refused = app.patch(&path, &a.access, json!({ "start": at(d, "12:15") })).await;
    assert_eq!(refused.status, 409, "{}", refused.text);
    assert_eq!(refused.code(), "slot_taken");
    assert!(!refused.body["alternatives"].as_array().unwrap().is_empty());
    assert!(app.get(&path, &a.access).await.body["start"].as_str().unwrap().contains("T09:00"));

    // By 15 minutes (sharing units with its old time), then to the other dentist.
    let nudged = app.patch(&path, &a.access, json!({ "start": at(d, "09:15") })).await;
    assert_eq!(nudged.status, 200, "{}", nudged.text);
    assert!(nudged.body["start"].as_str().unwrap().contains("T09:15"));
    let to_can = app.patch(&path, &a.access, json!({ "resource_id": CAN, "start": at(d, "14:00") })).await;
    assert_eq!(to_can.status, 200, "{}", to_can.text);
    assert_eq!(to_can.body["resource_name"], "Dt. Can Demir");
    // Dt. Elif's morning is free again; Dt. Can's 14:00 is taken.
    assert_eq!(
        app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "09:00"), Some(ELIF))).await.status,
        201
    );
    assert_eq!(
        app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "14:00"), Some(CAN))).await.status,
        409
    );
    // No hold is left over from the moves: Dt. Elif 09:00 + 12:00, Dt. Can 14:00, each 40 minutes.
    let holds = app
        .all_items()
        .await
        .into_iter()
        .filter(|i| i.get("type").and_then(|v| v.as_s().ok()).is_some_and(|t| t == "hold"))
        .count();
    assert_eq!(holds, 3 * 8);
}

#[tokio::test]
async fn appointments_list_in_start_order_with_filters_each_once() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot_id = clinic_bot(&app, &a).await;
    let (d1, d2) = (day(20), day(21));
    let mut made = Vec::new();
    for d in [d2, d1] {
        for hour in 9..17 {
            for r in [ELIF, CAN] {
                let reply = app
                    .post("/appointments", Some(&a.access), booking(&bot_id, &at(d, &format!("{hour:02}:00")), Some(r)))
                    .await;
                assert_eq!(reply.status, 201, "{}", reply.text);
                made.push(reply.body["id"].as_str().unwrap().to_string());
            }
        }
    }
    let range = format!("from={d1}T00:00:00Z&to={}T00:00:00Z", day(22));
    let all = app.collect_pages(&format!("/appointments?{range}&limit=7"), &a.access).await;
    assert_eq!(all.len(), 32);
    let starts: Vec<&str> = all.iter().map(|x| x["start"].as_str().unwrap()).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "earliest first");
    let mut ids: Vec<String> = all.iter().map(|x| x["id"].as_str().unwrap().to_string()).collect();
    ids.sort();
    made.sort();
    assert_eq!(ids, made);
    let can = app.collect_pages(&format!("/appointments?{range}&resource_id={CAN}&limit=5"), &a.access).await;
    assert_eq!(can.len(), 16);
    assert!(can.iter().all(|x| x["resource_id"] == CAN));
    let first_day = app.collect_pages(&format!("/appointments?from={d1}T00:00:00Z&to={d2}T00:00:00Z"), &a.access).await;
    assert_eq!(first_day.len(), 16);
    app.patch(
        &format!("/appointments/{}", all[0]["id"].as_str().unwrap()),
        &a.access,
        json!({ "status": "cancelled" }),
    )
    .await;
    let cancelled = app.collect_pages(&format!("/appointments?{range}&status=cancelled"), &a.access).await;
    assert_eq!(cancelled.len(), 1);
    for (query, field) in [
        ("from=yesterday", "from"),
        ("from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", "to"),
        ("from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z", "to"),
        ("status=maybe", "status"),
        ("bot_id=nope", "bot_id"),
    ] {
        let reply = app.get(&format!("/appointments?{query}"), &a.access).await;
        assert_eq!(reply.status, 400, "{query}: {}", reply.text);
        assert_eq!(reply.error_fields(), [field.to_string()]);
    }
}

#[tokio::test]
async fn another_tenant_cannot_see_or_touch_appointments_or_calendars() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let b = app.register().await;
    let bot_id = clinic_bot(&app, &a).await;
    let d = day(18);
    let booked = app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "10:00"), Some(ELIF))).await;
    let id = booked.body["id"].as_str().unwrap();
    let calls: Vec<(&str, String, Option<Value>)> = vec![
        ("GET", format!("/bots/{bot_id}/calendar"), None),
        ("PUT", format!("/bots/{bot_id}/calendar"), Some(clinic(1))),
        ("GET", format!("/bots/{bot_id}/slots?service_id={CLEANING}&from={d}&to={d}"), None),
        ("GET", format!("/appointments/{id}"), None),
        ("PATCH", format!("/appointments/{id}"), Some(json!({ "status": "cancelled" }))),
        ("POST", "/appointments".to_string(), Some(booking(&bot_id, &at(d, "11:00"), Some(ELIF)))),
        ("GET", format!("/appointments?bot_id={bot_id}"), None),
    ];
    for (method, path, body) in calls {
        let reply = app.call(method, &path, Some(&b.access), body).await;
        assert_eq!(reply.status, 404, "{method} {path}: {}", reply.text);
    }
    let range = format!("from={d}T00:00:00Z&to={}T00:00:00Z", day(19));
    assert!(app.collect_pages(&format!("/appointments?{range}"), &b.access).await.is_empty());
    // The team's own bookings are not the assistant's.
    assert_eq!(app.get("/stats/overview", &a.access).await.body["assistant_appointments"]["total"], 0);
    let mine = app.get(&format!("/appointments/{id}"), &a.access).await;
    assert_eq!(mine.body["status"], "booked");
    assert_eq!(app.get(&format!("/bots/{bot_id}/calendar"), &a.access).await.body["version"], 1);
}

#[tokio::test]
async fn deleting_a_bot_takes_its_calendar_appointments_and_holds_along() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot_id = clinic_bot(&app, &a).await;
    let d = day(19);
    for start in ["09:00", "10:00", "11:00"] {
        assert_eq!(app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, start), None)).await.status, 201);
    }
    assert_eq!(app.delete(&format!("/bots/{bot_id}"), &a.access).await.status, 204);
    let left: Vec<String> = app
        .all_items()
        .await
        .iter()
        .filter(|i| i.values().any(|v| v.as_s().is_ok_and(|s| s.contains(&bot_id))))
        .map(|i| format!("{:?}", i.get("SK")))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// The reminder schedule of an appointment in moto's EventBridge Scheduler: its `at(...)` time
/// and input, or `None`.
async fn schedule_of(app: &TestApp, id: &str) -> Option<(String, Value)> {
    let got = app
        .state
        .scheduler
        .get_schedule()
        .group_name(&app.state.config.schedule_group)
        .name(format!("appt-{id}"))
        .send()
        .await
        .ok()?;
    let input: Value = serde_json::from_str(got.target().unwrap().input().unwrap()).unwrap();
    Some((got.schedule_expression().unwrap().to_string(), input))
}

fn utc_at(start: &str, minutes_before: i64) -> String {
    let t: jiff::Timestamp = start.parse().unwrap();
    let at = t.checked_sub(jiff::SignedDuration::from_mins(minutes_before)).unwrap();
    format!("at({})", at.strftime("%Y-%m-%dT%H:%M:%S"))
}

#[tokio::test]
async fn each_booked_appointment_has_one_reminder_schedule_that_follows_moves_and_cancels() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot_id = clinic_bot(&app, &a).await;
    let d = day(20);
    let booked = app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "10:00"), Some(ELIF))).await;
    let id = booked.body["id"].as_str().unwrap();
    let (expression, input) = schedule_of(&app, id).await.expect("a reminder is scheduled");
    assert_eq!(expression, utc_at(booked.body["start"].as_str().unwrap(), 24 * 60));
    assert_eq!(input["appointment_id"], id);
    assert_eq!(input["tenant_id"], a.tenant_id.as_str());

    let moved = app.patch(&format!("/appointments/{id}"), &a.access, json!({ "start": at(d, "15:00") })).await;
    assert_eq!(moved.status, 200, "{}", moved.text);
    let (expression, input) = schedule_of(&app, id).await.unwrap();
    assert_eq!(expression, utc_at(moved.body["start"].as_str().unwrap(), 24 * 60), "moved with it");
    assert_eq!(input["start_minute"], moved.body["start_minute"]);

    app.patch(&format!("/appointments/{id}"), &a.access, json!({ "status": "cancelled" })).await;
    assert!(schedule_of(&app, id).await.is_none(), "a cancelled appointment is not reminded");

    // Too soon for a reminder 24 hours before: none is scheduled.
    let soon = jiff::Timestamp::now().checked_add(jiff::SignedDuration::from_hours(3)).unwrap();
    let soon = soon.in_tz(TZ).unwrap();
    let start = format!("{}T{:02}:{:02}", soon.date(), soon.hour(), soon.minute() / 5 * 5);
    let mut late = booking(&bot_id, &start, Some(CAN));
    late["outside_hours"] = json!(true);
    let late = app.post("/appointments", Some(&a.access), late).await;
    assert_eq!(late.status, 201, "{}", late.text);
    assert!(schedule_of(&app, late.body["id"].as_str().unwrap()).await.is_none());
}

#[tokio::test]
async fn a_due_schedule_is_run_once_by_the_local_scheduler_and_a_widget_customer_is_mailed() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let bot_id = clinic_bot(&app, &a).await;
    let email = format!("hasta-{}@example.com", shared::ids::new_id());
    let mut body = booking(&bot_id, &at(day(20), "11:00"), Some(ELIF));
    body["customer"]["email"] = json!(email);
    let booked = app.post("/appointments", Some(&a.access), body).await.body;
    let id = booked["id"].as_str().unwrap();
    // Booked by the team: the customer is told at once by e-mail.
    let confirmation = app.mails_to(&email).await;
    assert_eq!(confirmation.len(), 1);
    assert!(confirmation[0].to_string().contains("Randevunuz oluşturuldu"), "{}", confirmation[0]);
    let (_, input) = schedule_of(&app, id).await.unwrap();
    // The scheduler's clock reaches the reminder: the same schedule, due a minute ago.
    let state = &app.state;
    let past = jiff::Timestamp::now().checked_sub(jiff::SignedDuration::from_mins(1)).unwrap();
    state
        .scheduler
        .update_schedule()
        .group_name(&state.config.schedule_group)
        .name(format!("appt-{id}"))
        .schedule_expression(format!("at({})", past.strftime("%Y-%m-%dT%H:%M:%S")))
        .flexible_time_window(
            aws_sdk_scheduler::types::FlexibleTimeWindow::builder()
                .mode(aws_sdk_scheduler::types::FlexibleTimeWindowMode::Off)
                .build()
                .unwrap(),
        )
        .target(
            aws_sdk_scheduler::types::Target::builder()
                .arn(state.config.reminder_function_arn.clone().unwrap())
                .role_arn(state.config.scheduler_role_arn.clone().unwrap())
                .input(input.to_string())
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(local_stack::poller::run_due_reminders(state).await.unwrap(), 1);
    assert!(schedule_of(&app, id).await.is_none(), "deleted once run");
    assert_eq!(local_stack::poller::run_due_reminders(state).await.unwrap(), 0);
    let mails = app.mails_to(&email).await;
    assert_eq!(mails.len(), 2, "the confirmation, then one reminder: {mails:?}");
    let text = mails[1].to_string();
    assert!(text.contains("Randevu hatırlatması") && text.contains("Diş temizliği"), "{text}");
    let after = app.get(&format!("/appointments/{id}"), &a.access).await.body;
    assert_eq!(after["reminded_for"], booked["start_minute"]);
}

#[tokio::test]
async fn the_calendar_feed_is_secret_replaceable_revocable_and_reads_as_icalendar() {
    use icalendar::{CalendarComponent, Component};
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let b = app.register().await;
    let bot_id = clinic_bot(&app, &a).await;
    let d = day(21);
    let first = app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "10:00"), Some(ELIF))).await.body;
    let second = app.post("/appointments", Some(&a.access), booking(&bot_id, &at(d, "11:00"), Some(CAN))).await.body;
    app.patch(
        &format!("/appointments/{}", second["id"].as_str().unwrap()),
        &a.access,
        json!({ "status": "cancelled" }),
    )
    .await;
    let b_bot = clinic_bot(&app, &b).await;
    app.post("/appointments", Some(&b.access), booking(&b_bot, &at(d, "10:00"), Some(ELIF))).await;

    assert_eq!(app.get("/calendar-feed", &a.access).await.body["active"], false);
    let made = app.post("/calendar-feed", Some(&a.access), json!({})).await;
    assert_eq!(made.status, 201, "{}", made.text);
    let url = made.body["url"].as_str().unwrap().to_string();
    assert!(url.contains("/public/calendar/") && url.ends_with(".ics"), "{url}");
    let path = &url[url.find("/public/").unwrap()..];
    assert_eq!(app.get("/calendar-feed", &a.access).await.body["active"], true);
    let read = app.call("GET", path, None, None).await;
    assert_eq!(read.status, 200);
    assert!(read.headers["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let parsed: icalendar::Calendar = read.text.parse().expect("a valid iCalendar");
    let events: Vec<&icalendar::Event> = parsed
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 2, "A's two appointments, not B's: {}", read.text);
    let booked =
        events.iter().find(|e| e.get_uid() == Some(&format!("{}@svontai", first["id"].as_str().unwrap()))).unwrap();
    assert_eq!(booked.get_summary(), Some("Diş temizliği – Ayşe Yılmaz"));
    assert!(booked.get_description().unwrap().contains("Tel: +905321234567"));
    let start = jiff::Timestamp::from_second(first["start_minute"].as_i64().unwrap() * 60).unwrap();
    assert!(read.text.contains(&format!("DTSTART:{}", start.strftime("%Y%m%dT%H%M%SZ"))), "{}", read.text);
    assert!(read.text.contains("STATUS:CANCELLED"), "the cancelled one says so");

    // A new link retires the old one; revoking ends both; nothing else opens a feed.
    let again = app.post("/calendar-feed", Some(&a.access), json!({})).await.body;
    let new_url = again["url"].as_str().unwrap();
    let new_path = &new_url[new_url.find("/public/").unwrap()..];
    assert_eq!(app.call("GET", path, None, None).await.status, 404);
    assert_eq!(app.call("GET", new_path, None, None).await.status, 200);
    assert_eq!(app.call("GET", &new_path.replace(".ics", ""), None, None).await.status, 200);
    assert_eq!(app.delete("/calendar-feed", &b.access).await.status, 204, "B revokes only its own (none)");
    assert_eq!(app.call("GET", new_path, None, None).await.status, 200);
    assert_eq!(app.delete("/calendar-feed", &a.access).await.status, 204);
    assert_eq!(app.call("GET", new_path, None, None).await.status, 404);
    for bad in ["x", "../../etc/passwd", &"a".repeat(43), &"é".repeat(40)] {
        assert_eq!(app.call("GET", &format!("/public/calendar/{bad}"), None, None).await.status, 404, "{bad}");
    }
    // The token is stored only as a hash.
    let token = new_path.trim_start_matches("/public/calendar/").trim_end_matches(".ics");
    assert!(!app.all_items().await.iter().any(|i| i.values().any(|v| v.as_s().is_ok_and(|s| s.contains(token)))));
}

#[tokio::test]
async fn an_agent_books_and_cancels_but_only_admins_change_the_calendar_or_the_feed() {
    use shared::auth::Role;
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let bot_id = clinic_bot(&app, &owner).await;
    let agent = app.register().await;
    let joined = shared::store::tenants::add_member(
        &app.state,
        &shared::store::tenants::Membership {
            tenant_id: owner.tenant_id.clone(),
            user_id: agent.user_id.as_str().into(),
            tenant_name: "Kliniğim".into(),
            role: Role::Agent,
            created_at: shared::ids::now_rfc3339(),
        },
    )
    .await
    .unwrap();
    assert!(joined);
    let tenant = owner.tenant_id.to_string();
    let as_agent = |method: &'static str, path: String, body: Option<Value>| {
        let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        let app = &app;
        let token = agent.access.clone();
        let tenant = tenant.clone();
        async move {
            app.request(
                method,
                &path,
                Some(&token),
                &[("content-type", "application/json"), ("x-tenant-id", &tenant)],
                bytes,
            )
            .await
        }
    };
    let d = day(22);
    let booked = as_agent("POST", "/appointments".into(), Some(booking(&bot_id, &at(d, "10:00"), Some(ELIF)))).await;
    assert_eq!(booked.status, 201, "an agent books: {}", booked.text);
    let id = booked.body["id"].as_str().unwrap();
    let cancelled = as_agent("PATCH", format!("/appointments/{id}"), Some(json!({ "status": "cancelled" }))).await;
    assert_eq!(cancelled.status, 200, "and cancels: {}", cancelled.text);
    assert_eq!(as_agent("GET", format!("/bots/{bot_id}/calendar"), None).await.status, 200, "and reads the calendar");
    for (method, path, body) in [
        ("PUT", format!("/bots/{bot_id}/calendar"), Some(clinic(1))),
        ("POST", "/calendar-feed".to_string(), Some(json!({}))),
        ("DELETE", "/calendar-feed".to_string(), None),
    ] {
        let refused = as_agent(method, path.clone(), body).await;
        assert_eq!(refused.status, 403, "{method} {path}: {}", refused.text);
    }
    assert_eq!(app.get(&format!("/bots/{bot_id}/calendar"), &owner.access).await.body["version"], 1);
}
