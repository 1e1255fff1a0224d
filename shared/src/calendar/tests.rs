use jiff::civil::{Date, date};

use super::check::CalendarInput;
use super::*;

fn hours(json: serde_json::Value) -> WeeklyHours {
    serde_json::from_value(json).unwrap()
}

fn weekdays(intervals: serde_json::Value) -> WeeklyHours {
    hours(serde_json::json!({
        "mon": intervals, "tue": intervals, "wed": intervals, "thu": intervals, "fri": intervals,
        "sat": [], "sun": []
    }))
}

/// A clinic: two dentists on weekdays 09:00–12:00 and 13:00–17:00, a 30-minute cleaning, a
/// 20-minute check-up only Dr. A gives.
fn clinic() -> Calendar {
    let mut cal = Calendar::empty(BotId::from("bot"));
    cal.slot_step_minutes = 30;
    cal.min_notice_minutes = 0;
    cal.max_days_ahead = 365;
    let day = serde_json::json!([{"from": "09:00", "to": "12:00"}, {"from": "13:00", "to": "17:00"}]);
    cal.resources = vec![
        Resource { id: "a".into(), name: "Dt. A".into(), active: true, hours: weekdays(day.clone()) },
        Resource { id: "b".into(), name: "Dt. B".into(), active: true, hours: weekdays(day) },
    ];
    cal.services = vec![
        Service {
            id: "clean".into(),
            name: "Temizlik".into(),
            duration_minutes: 30,
            price_text: None,
            description: String::new(),
            active: true,
            resource_ids: vec![],
        },
        Service {
            id: "check".into(),
            name: "Muayene".into(),
            duration_minutes: 20,
            price_text: None,
            description: String::new(),
            active: true,
            resource_ids: vec!["a".into()],
        },
    ];
    cal
}

fn at(cal: &Calendar, d: Date, hh: i64, mm: i64) -> Minute {
    local_minute(&cal.tz(), d, hh * 60 + mm).unwrap()
}

fn starts(cal: &Calendar, slots: &[FreeSlot]) -> Vec<String> {
    slots.iter().map(|s| format!("{} {}", &local_rfc3339(&cal.tz(), s.start)[11..16], s.resource_id)).collect()
}

// 2026-12-01 is a Tuesday.
const TUE: Date = date(2026, 12, 1);
const SAT: Date = date(2026, 12, 5);

/// Midnight before the Monday the tests look at (the window counts from `now`).
fn long_ago() -> Minute {
    local_minute(&TimeZone::get(DEFAULT_TIME_ZONE).unwrap(), date(2026, 11, 30), 0).unwrap()
}

#[test]
fn slots_follow_hours_and_breaks_for_each_resource() {
    let cal = clinic();
    let clean = cal.service("clean").unwrap();
    let slots = cal.free_slots(clean, (TUE, TUE), long_ago(), &[], Whose::Customer(None));
    // 09:00..11:30 and 13:00..16:30 every 30 minutes, for two dentists.
    assert_eq!(slots.len(), 2 * (6 + 8));
    let first = starts(&cal, &slots[..4]);
    assert_eq!(first, ["09:00 a", "09:00 b", "09:30 a", "09:30 b"]);
    assert!(!starts(&cal, &slots).iter().any(|s| s.starts_with("12:") || s.starts_with("17:")));
    assert_eq!(cal.view(&slots[0]).start, "2026-12-01T09:00:00+03:00");
    assert_eq!(cal.view(&slots[0]).end, "2026-12-01T09:30:00+03:00");
}

#[test]
fn a_service_only_one_resource_gives_is_offered_with_that_one() {
    let cal = clinic();
    let check = cal.service("check").unwrap();
    let slots = cal.free_slots(check, (TUE, TUE), long_ago(), &[], Whose::Customer(None));
    assert!(slots.iter().all(|s| s.resource_id == "a"));
    // A 20-minute service in a 09:00–12:00 interval, every 30 minutes: 09:00 … 11:30 (ends 11:50).
    assert_eq!(starts(&cal, &slots)[..6], ["09:00 a", "09:30 a", "10:00 a", "10:30 a", "11:00 a", "11:30 a"]);
}

#[test]
fn a_day_off_and_closures_have_no_slots() {
    let mut cal = clinic();
    let clean = cal.service("clean").unwrap().clone();
    assert!(cal.free_slots(&clean, (SAT, SAT), long_ago(), &[], Whose::Customer(None)).is_empty());
    cal.closures.push(Closure {
        id: "x".into(),
        from: TUE,
        to: TUE,
        resource_id: Some("b".into()),
        note: "izin".into(),
    });
    let slots = cal.free_slots(&clean, (TUE, TUE), long_ago(), &[], Whose::Customer(None));
    assert!(slots.iter().all(|s| s.resource_id == "a"));
    cal.closures.push(Closure {
        id: "y".into(),
        from: date(2026, 11, 30),
        to: TUE,
        resource_id: None,
        note: String::new(),
    });
    assert!(cal.free_slots(&clean, (TUE, TUE), long_ago(), &[], Whose::Customer(None)).is_empty());
    assert!(
        !cal.free_slots(&clean, (date(2026, 12, 2), date(2026, 12, 2)), long_ago(), &[], Whose::Customer(None))
            .is_empty()
    );
}

#[test]
fn busy_time_and_the_buffer_on_both_sides_are_kept_free() {
    let mut cal = clinic();
    cal.buffer_minutes = 10;
    cal.slot_step_minutes = 10;
    let clean = cal.service("clean").unwrap().clone();
    // Dt. A has 10:00–10:30, held until 10:40.
    let busy = [Busy { resource_id: "a".into(), start: at(&cal, TUE, 10, 0), until: at(&cal, TUE, 10, 40) }];
    let a: Vec<String> =
        starts(&cal, &cal.free_slots(&clean, (TUE, TUE), long_ago(), &busy, Whose::Customer(Some(&"a".into()))));
    // A 30-minute booking holds 40 minutes: 09:20 would run into 10:00; 10:40 is the first after.
    assert!(a.contains(&"09:20 a".to_string()));
    assert!(!a.contains(&"09:30 a".to_string()));
    assert!(!a.contains(&"10:30 a".to_string()));
    assert!(a.contains(&"10:40 a".to_string()));
    // Dt. B is free all the while.
    let b = starts(&cal, &cal.free_slots(&clean, (TUE, TUE), long_ago(), &busy, Whose::Customer(Some(&"b".into()))));
    assert!(b.contains(&"10:00 b".to_string()));
}

#[test]
fn the_booking_window_limits_how_soon_and_how_far() {
    let mut cal = clinic();
    cal.min_notice_minutes = 120;
    cal.max_days_ahead = 2;
    let clean = cal.service("clean").unwrap().clone();
    let now = at(&cal, TUE, 9, 10);
    let today = starts(&cal, &cal.free_slots(&clean, (TUE, TUE), now, &[], Whose::Customer(Some(&"a".into()))));
    assert_eq!(today.first().unwrap(), "11:30 a", "two hours' notice after 09:10");
    let week = cal.free_slots(&clean, (TUE, date(2026, 12, 10)), now, &[], Whose::Customer(Some(&"a".into())));
    let last = local_date(&cal.tz(), week.last().unwrap().start);
    assert_eq!(last, date(2026, 12, 3));
    // The team's own view ignores the window but not the past.
    let open = starts(&cal, &cal.free_slots(&clean, (TUE, TUE), now, &[], Whose::Team(Some(&"a".into()))));
    assert_eq!(open.first().unwrap(), "09:30 a");
}

#[test]
fn a_zone_with_daylight_saving_keeps_local_hours() {
    let mut cal = clinic();
    cal.time_zone = "Europe/Berlin".into();
    let clean = cal.service("clean").unwrap().clone();
    // 2026-03-27 (Fri, +01:00) and 2026-03-30 (Mon, +02:00, after the change on the 29th).
    let before = cal.free_slots(
        &clean,
        (date(2026, 3, 27), date(2026, 3, 27)),
        long_ago() - 300 * 1440,
        &[],
        Whose::Customer(Some(&"a".into())),
    );
    let after = cal.free_slots(
        &clean,
        (date(2026, 3, 30), date(2026, 3, 30)),
        long_ago() - 300 * 1440,
        &[],
        Whose::Customer(Some(&"a".into())),
    );
    assert_eq!(cal.view(&before[0]).start, "2026-03-27T09:00:00+01:00");
    assert_eq!(cal.view(&after[0]).start, "2026-03-30T09:00:00+02:00");
    assert_eq!(after[0].start - before[0].start, 3 * 1440 - 60);
}

#[test]
fn hours_can_end_at_midnight() {
    let mut cal = clinic();
    cal.resources[0].hours = weekdays(serde_json::json!([{"from": "22:00", "to": "24:00"}]));
    let clean = cal.service("clean").unwrap().clone();
    let slots = starts(&cal, &cal.free_slots(&clean, (TUE, TUE), long_ago(), &[], Whose::Customer(Some(&"a".into()))));
    assert_eq!(slots, ["22:00 a", "22:30 a", "23:00 a", "23:30 a"]);
    let last = at(&cal, TUE, 23, 30);
    assert!(cal.within_hours(&cal.resources[0], last, last + 30));
    assert!(!cal.within_hours(&cal.resources[0], last, last + 35));
}

#[test]
fn within_hours_needs_one_whole_interval() {
    let cal = clinic();
    let a = &cal.resources[0];
    assert!(cal.within_hours(a, at(&cal, TUE, 11, 30), at(&cal, TUE, 12, 0)));
    assert!(!cal.within_hours(a, at(&cal, TUE, 11, 45), at(&cal, TUE, 12, 15)), "runs into the lunch break");
    assert!(!cal.within_hours(a, at(&cal, SAT, 10, 0), at(&cal, SAT, 10, 30)));
}

#[test]
fn overlapping_holds_share_a_unit_and_adjacent_ones_do_not() {
    let a: Vec<i64> = units(600, 640).collect();
    let b: Vec<i64> = units(635, 665).collect();
    let c: Vec<i64> = units(640, 670).collect();
    assert_eq!(a.len(), 8);
    assert!(a.iter().any(|u| b.contains(u)));
    assert!(!a.iter().any(|u| c.contains(u)));
}

#[test]
fn clock_times_read_and_write_hh_mm() {
    for (raw, ok) in [
        ("09:00", true),
        ("24:00", true),
        ("23:55", true),
        ("9:00", false),
        ("24:05", false),
        ("12:07", false),
        ("", false),
        ("ab:cd", false),
    ] {
        assert_eq!(ClockTime::try_from(raw.to_string()).is_ok(), ok, "{raw}");
    }
    assert_eq!(String::from(ClockTime::try_from("07:35".to_string()).unwrap()), "07:35");
}

#[test]
fn start_times_read_local_or_with_an_offset() {
    let tz = TimeZone::get("Europe/Istanbul").unwrap();
    let local = parse_start("2026-12-01T09:00", &tz).unwrap();
    assert_eq!(parse_start("2026-12-01T06:00:00Z", &tz), Some(local));
    assert_eq!(parse_start("2026-12-01T09:00:00+03:00", &tz), Some(local));
    assert_eq!(parse_start("2026-12-01T09:00:30", &tz), None);
    assert_eq!(parse_start("yarın", &tz), None);
}

fn input(json: serde_json::Value) -> CalendarInput {
    serde_json::from_value(json).unwrap()
}

fn fields(err: crate::error::ApiError) -> Vec<(String, String)> {
    match err {
        crate::error::ApiError::Validation(errors) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
        other => panic!("not a validation error: {other:?}"),
    }
}

#[test]
fn a_calendar_input_is_checked_field_by_field() {
    let bad = input(serde_json::json!({
        "version": 0, "time_zone": "Europe/Istanbul", "buffer_minutes": 30,
        "resources": [
            {"name": "Dt. A", "hours": {"mon": [{"from": "09:00", "to": "12:00"}, {"from": "11:00", "to": "13:00"}],
             "tue": [{"from": "10:00", "to": "09:00"}], "wed": [], "thu": [], "fri": [], "sat": [], "sun": []}}
        ],
        "services": [
            {"name": "Uzun", "duration_minutes": 230},
            {"name": "Garip", "duration_minutes": 22},
            {"name": " ", "duration_minutes": 30, "resource_ids": ["01jfnq0p1q2r3s4t5v6w7x8y9z"]}
        ],
        "closures": [{"from": "2026-12-31", "to": "2026-12-30"}, {"from": "31.12.2026", "to": "2026-12-31"}]
    }));
    let got = fields(bad.check(BotId::from("b")).unwrap_err());
    for expected in [
        ("resources[0].hours.mon[1].from", "overlaps"),
        ("resources[0].hours.tue[0].to", "before_start"),
        ("services[0].duration_minutes", "out_of_range"),
        ("services[1].duration_minutes", "out_of_range"),
        ("services[2].name", "required"),
        ("services[2].resource_ids[0]", "unknown_resource"),
        ("closures[0].to", "before_start"),
        ("closures[1].from", "invalid_format"),
    ] {
        assert!(got.contains(&(expected.0.to_string(), expected.1.to_string())), "{expected:?} not in {got:?}");
    }
    let zone = input(
        serde_json::json!({"version": 0, "time_zone": "Mars/Olympus", "services": [], "resources": [], "closures": []}),
    );
    assert_eq!(
        fields(zone.check(BotId::from("b")).unwrap_err()),
        [("time_zone".to_string(), "invalid_choice".to_string())]
    );
}

#[test]
fn a_valid_input_gets_ids_and_keeps_the_given_ones() {
    let ok = input(serde_json::json!({
        "version": 3, "time_zone": "Europe/Istanbul",
        "resources": [{"id": "01jfnq0p1q2r3s4t5v6w7x8y9z", "name": "Dt. A", "hours": {"mon": [{"from": "09:00", "to": "17:00"}], "tue": [], "wed": [], "thu": [], "fri": [], "sat": [], "sun": []}}],
        "services": [{"name": "Dolgu", "duration_minutes": 45, "resource_ids": ["01jfnq0p1q2r3s4t5v6w7x8y9z"], "price_text": "1.500 TL"}],
        "closures": [{"from": "2027-01-01", "to": "2027-01-01", "note": "Yılbaşı"}]
    }))
    .check(BotId::from("b"))
    .unwrap();
    assert_eq!(ok.version, 3);
    assert_eq!(ok.resources[0].id, "01jfnq0p1q2r3s4t5v6w7x8y9z");
    assert!(crate::ids::is_id(&ok.services[0].id));
    assert!(crate::ids::is_id(&ok.closures[0].id));
    assert_eq!(ok.services[0].price_text.as_deref(), Some("1.500 TL"));
    assert_eq!(ok.slot_step_minutes, 15);
}
