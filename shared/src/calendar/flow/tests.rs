use jiff::civil::date;

use super::*;
use crate::calendar::{Resource, WeeklyHours, local_minute};

fn weekdays_and_saturday() -> WeeklyHours {
    let day = serde_json::json!([{"from": "09:00", "to": "12:00"}, {"from": "13:00", "to": "18:00"}]);
    serde_json::from_value(serde_json::json!({
        "mon": day, "tue": day, "wed": day, "thu": day, "fri": day,
        "sat": [{"from": "10:00", "to": "14:00"}], "sun": []
    }))
    .unwrap()
}

fn clinic() -> Calendar {
    let mut cal = Calendar::empty(crate::ids::BotId::from("bot"));
    cal.slot_step_minutes = 30;
    cal.min_notice_minutes = 60;
    cal.resources = vec![
        Resource { id: "elif".into(), name: "Dt. Elif".into(), active: true, hours: weekdays_and_saturday() },
        Resource { id: "can".into(), name: "Dt. Can".into(), active: true, hours: weekdays_and_saturday() },
    ];
    let service = |id: &str, name: &str, minutes: u32| Service {
        id: id.into(),
        name: name.into(),
        duration_minutes: minutes,
        price_text: None,
        description: String::new(),
        active: true,
        resource_ids: vec![],
    };
    cal.services = vec![
        service("muayene", "Muayene", 20),
        service("temizlik", "Diş temizliği", 30),
        service("dolgu", "Dolgu", 45),
    ];
    cal
}

/// Tuesday 1 December 2026, 08:00 in Istanbul.
fn now(cal: &Calendar) -> Minute {
    local_minute(&cal.tz(), date(2026, 12, 1), 8 * 60).unwrap()
}

fn ctx<'a>(cal: &'a Calendar, busy: &'a [Busy], widget: bool) -> Ctx<'a> {
    Ctx {
        cal,
        now: now(cal),
        busy,
        ask_phone: widget,
        known_name: Some("Ayşe"),
        language: Language::Tr,
        knowledge_answers: false,
        upcoming: &[],
    }
}

/// Runs a conversation: each message's outcome must be `Says` (the last may be anything).
fn talk(ctx: &Ctx, messages: &[&str]) -> (Option<BookingFlow>, Outcome) {
    let mut flow = None;
    let mut last = None;
    for m in messages {
        let outcome = step(flow.clone(), m, ctx).unwrap_or_else(|| panic!("no outcome for {m:?}"));
        flow = match &outcome {
            Outcome::Says { flow, .. } => flow.clone(),
            Outcome::Book { flow, .. } | Outcome::Aside(flow) => Some(flow.clone()),
            Outcome::Cancel { .. } => None,
        };
        last = Some(outcome);
    }
    (flow, last.unwrap())
}

fn said(outcome: &Outcome) -> (&str, &[String]) {
    match outcome {
        Outcome::Says { text, choices, .. } => (text, choices),
        other => panic!("expected an answer, got {other:?}"),
    }
}

#[test]
fn a_whatsapp_booking_walks_service_day_time_name_and_confirm() {
    let cal = clinic();
    let ctx = ctx(&cal, &[], false);
    let (_, o) = talk(&ctx, &["Merhaba, randevu almak istiyorum"]);
    let (text, choices) = said(&o);
    assert_eq!(text, "Hangi hizmet için randevu almak istersiniz?");
    assert_eq!(choices, ["Muayene", "Diş temizliği", "Dolgu"]);

    let (_, o) = talk(&ctx, &["Merhaba, randevu almak istiyorum", "Diş temizliği"]);
    let (text, days) = said(&o);
    assert!(text.starts_with("Diş temizliği için hangi gün"), "{text}");
    assert_eq!(days.len(), 7);
    assert_eq!(days[0], "Salı 1 Aralık");
    assert!(!days.iter().any(|d| d.starts_with("Pazar ")), "closed on Sundays: {days:?}");

    let (_, o) = talk(&ctx, &["randevu almak istiyorum", "2", "Salı 1 Aralık"]);
    let (text, times) = said(&o);
    assert!(text.starts_with("Salı 1 Aralık için boş saatler"), "{text}");
    // Two hours' notice is one hour here: 09:00 is the first time after 08:00 + 60 minutes.
    assert_eq!(times[..3], ["09:00", "09:30", "10:00"]);
    assert_eq!(times.len(), 10);

    let (_, o) = talk(&ctx, &["randevu almak istiyorum", "2", "Salı 1 Aralık", "10:00"]);
    let (text, choices) = said(&o);
    assert!(text.contains("kimin adına"), "{text}");
    assert_eq!(choices, ["Ayşe"]);

    let (_, o) = talk(&ctx, &["randevu almak istiyorum", "2", "Salı 1 Aralık", "10:00", "Ayşe Yılmaz"]);
    let (text, choices) = said(&o);
    assert_eq!(text, "Diş temizliği · Salı 1 Aralık 10:00 · Dt. Elif · Ayşe Yılmaz\nOnaylıyor musunuz?");
    assert_eq!(choices, ["Onayla", "Başka gün/saat", "Vazgeç"]);

    let (_, o) = talk(&ctx, &["randevu almak istiyorum", "2", "Salı 1 Aralık", "10:00", "Ayşe Yılmaz", "Evet"]);
    match o {
        Outcome::Book { booking, .. } => {
            assert_eq!(booking.service_id, "temizlik");
            assert_eq!(booking.resource_id, "elif");
            assert_eq!(booking.name, "Ayşe Yılmaz");
            assert_eq!(booking.start, local_minute(&cal.tz(), date(2026, 12, 1), 10 * 60).unwrap());
            assert_eq!(booking.phone, None);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn one_message_with_service_day_and_time_goes_straight_to_the_name() {
    let cal = clinic();
    let ctx = ctx(&cal, &[], false);
    let (flow, o) = talk(&ctx, &["yarın saat 11'de diş temizliği için randevu alabilir miyim?"]);
    assert!(said(&o).0.contains("kimin adına"), "{}", said(&o).0);
    let flow = flow.unwrap();
    assert_eq!(flow.start, Some(local_minute(&cal.tz(), date(2026, 12, 2), 11 * 60).unwrap()));
    // A bare "3" in the afternoon reads as 15:00 within hours.
    let (flow, _) = talk(&ctx, &["cuma dolgu randevusu almak istiyorum", "3'te"]);
    assert_eq!(flow.unwrap().start, Some(local_minute(&cal.tz(), date(2026, 12, 4), 15 * 60).unwrap()));
}

#[test]
fn a_taken_time_offers_the_nearest_free_ones() {
    let cal = clinic();
    let d = date(2026, 12, 2);
    let at = |h: i64, m: i64| local_minute(&cal.tz(), d, h * 60 + m).unwrap();
    let busy = [
        Busy { resource_id: "elif".into(), start: at(11, 0), until: at(11, 30) },
        Busy { resource_id: "can".into(), start: at(11, 0), until: at(11, 30) },
    ];
    let ctx = ctx(&cal, &busy, false);
    let (flow, o) = talk(&ctx, &["yarın 11'de muayene için randevu istiyorum"]);
    let (text, times) = said(&o);
    assert!(text.contains("istediğiniz saatte yer yok"), "{text}");
    // The five nearest, in time order: 11:00 itself is not among them.
    assert_eq!(times, ["09:00", "09:30", "10:00", "10:30", "11:30"]);
    assert_eq!(flow.unwrap().step, Step::Time);
    // After a booking failed at the last moment, other times are offered.
    let (flow, _) = talk(&ctx, &["yarın 10'da muayene için randevu istiyorum", "Ali Veli"]);
    let again = taken(flow.unwrap(), &ctx);
    let (text, times) = said(&again);
    assert!(text.starts_with("Bu saat az önce doldu"), "{text}");
    assert!(!times.is_empty());
}

#[test]
fn leaving_asides_and_the_widget_phone() {
    let cal = clinic();
    let ctx = ctx(&cal, &[], true);
    for exit in ["vazgeçtim", "boşver", "iptal", "never mind"] {
        let (flow, o) = talk(&ctx, &["randevu almak istiyorum", exit]);
        assert!(flow.is_none(), "{exit}");
        assert!(said(&o).0.starts_with("Tamam, randevu işlemini bıraktım"));
    }
    let (flow, o) = talk(&ctx, &["randevu almak istiyorum", "dolgu", "fiyatı ne kadar?"]);
    assert!(matches!(o, Outcome::Aside(_)));
    let resumed = prompt(flow.unwrap(), &ctx);
    let (text, days) = said(&resumed);
    assert!(text.starts_with("Randevunuza devam edelim:\nDolgu için hangi gün"), "{text}");
    assert_eq!(days.len(), 7);

    let base = ["randevu almak istiyorum", "muayene", "yarın", "14:00", "Mehmet Demir"];
    let (_, o) = talk(&ctx, &base);
    assert!(said(&o).0.contains("telefon numarası"));
    let mut bad = base.to_vec();
    bad.push("12345");
    let (_, o) = talk(&ctx, &bad);
    assert!(said(&o).0.starts_with("Bu numarayı okuyamadım"));
    let mut good = base.to_vec();
    good.extend(["0532 123 45 67", "onaylıyorum"]);
    match talk(&ctx, &good).1 {
        Outcome::Book { booking, .. } => assert_eq!(booking.phone.as_deref(), Some("+905321234567")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_change_at_the_confirmation_goes_back_to_the_day() {
    let cal = clinic();
    let ctx = ctx(&cal, &[], false);
    let (flow, o) = talk(&ctx, &["randevu almak istiyorum", "muayene", "yarın", "14:00", "Ali", "Başka gün/saat"]);
    assert!(said(&o).0.starts_with("Muayene için hangi gün"));
    assert_eq!(flow.unwrap().start, None);
    let (flow, o) =
        talk(&ctx, &["randevu almak istiyorum", "muayene", "yarın", "14:00", "Ali", "perşembe 10'da olsun"]);
    assert!(said(&o).0.contains("Perşembe 3 Aralık 10:00"), "{}", said(&o).0);
    assert!(flow.is_some());
}

#[test]
fn english_customers_are_answered_in_english() {
    let cal = clinic();
    let ctx = ctx(&cal, &[], false);
    let (_, o) = talk(&ctx, &["Hi, I'd like to book an appointment tomorrow please"]);
    assert_eq!(said(&o).0, "Which service would you like to book?");
    let (_, o) = talk(&ctx, &["Hi, I'd like to book an appointment tomorrow please", "Muayene"]);
    let (text, _) = said(&o);
    assert!(text.starts_with("These times are free on Wednesday 2 December"), "{text}");
}

#[test]
fn a_forgotten_flow_does_not_capture_the_next_message() {
    let cal = clinic();
    let ctx = ctx(&cal, &[], false);
    let (flow, _) = talk(&ctx, &["randevu almak istiyorum"]);
    let mut old = flow.unwrap();
    old.touched -= IDLE_MINUTES + 1;
    assert!(step(Some(old), "Muayene", &ctx).is_none());
}

#[test]
fn booking_intent_is_told_from_questions_about_appointments() {
    for yes in [
        "randevu almak istiyorum",
        "Randevu alabilir miyim?",
        "yarın için randevu var mı",
        "randevu",
        "rezervasyon yaptırmak istiyorum",
        "I'd like to book an appointment",
        "can I book a cleaning?",
        "randevu almk istiyorum",
    ] {
        assert!(wants_to_book(yes), "{yes}");
    }
    for no in [
        "randevum ne zaman?",
        "randevumu iptal etmek istiyorum",
        "randevusuz muayene var mı?",
        "fiyatlarınız nedir",
        "merhaba",
        "What are your opening hours?",
    ] {
        assert!(!wants_to_book(no), "{no}");
    }
}

fn upcoming(cal: &Calendar, id: &str, day: Date, hour: i64) -> Upcoming {
    Upcoming {
        id: id.into(),
        service_id: "temizlik".into(),
        service_name: "Diş temizliği".into(),
        resource_name: "Dt. Elif".into(),
        start: local_minute(&cal.tz(), day, hour * 60).unwrap(),
        customer_name: "Ayşe Yılmaz".into(),
    }
}

#[test]
fn messages_about_ones_own_appointment_are_told_apart() {
    for (text, want) in [
        ("randevum ne zaman?", Some(Manage::Show)),
        ("Randevum var mı?", Some(Manage::Show)),
        ("when is my appointment", Some(Manage::Show)),
        ("randevumu iptal etmek istiyorum", Some(Manage::Cancel)),
        ("yarınki randevuma gelemeyeceğim", Some(Manage::Cancel)),
        ("randevuyu iptal edin lütfen", Some(Manage::Cancel)),
        ("cancel my appointment", Some(Manage::Cancel)),
        ("randevumu ertelemek istiyorum", Some(Manage::Move)),
        ("randevumu başka güne değiştirebilir miyiz", Some(Manage::Move)),
        ("can I reschedule my appointment?", Some(Manage::Move)),
        ("randevu almak istiyorum", None),
        ("iptal politikası nedir", None),
        ("merhaba", None),
    ] {
        assert_eq!(manage_intent(text), want, "{text}");
    }
}

#[test]
fn the_customer_sees_cancels_and_moves_their_appointment() {
    let cal = clinic();
    let mine = [upcoming(&cal, "a1", date(2026, 12, 3), 10)];
    let mut c = ctx(&cal, &[], true);
    c.upcoming = &mine;
    let (_, o) = talk(&c, &["randevum ne zaman?"]);
    let (text, choices) = said(&o);
    assert_eq!(text, "Yaklaşan randevunuz:\nDiş temizliği · Perşembe 3 Aralık 10:00 · Dt. Elif");
    assert_eq!(choices, ["Randevumu değiştir", "Randevumu iptal et"]);

    let (flow, o) = talk(&c, &["randevumu iptal et"]);
    assert!(said(&o).0.ends_with("Bu randevuyu iptal edeyim mi?"));
    assert_eq!(flow.as_ref().unwrap().step, Step::Cancel);
    let (_, o) = talk(&c, &["randevumu iptal et", "Evet, iptal et"]);
    assert_eq!(o, Outcome::Cancel { appointment_id: "a1".into(), language: Language::Tr });
    let (flow, o) = talk(&c, &["randevumu iptal et", "Hayır, kalsın"]);
    assert!(flow.is_none());
    assert_eq!(said(&o).0, "Tamam, randevunuz duruyor.");

    // Moving keeps the service, the name and the phone: day, time, confirm.
    let (_, o) = talk(&c, &["randevumu ertelemek istiyorum", "cuma", "14:00"]);
    assert_eq!(said(&o).0, "Diş temizliği · Cuma 4 Aralık 14:00 · Dt. Elif · Ayşe Yılmaz\nOnaylıyor musunuz?");
    match talk(&c, &["randevumu ertelemek istiyorum", "cuma", "14:00", "Onayla"]).1 {
        Outcome::Book { booking, flow } => {
            assert_eq!(flow.moving.as_deref(), Some("a1"));
            assert_eq!(booking.start, local_minute(&cal.tz(), date(2026, 12, 4), 14 * 60).unwrap());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        said(&booked(&talk(&c, &["randevumu ertelemek istiyorum", "cuma", "14:00"]).0.unwrap(), &c)).0.lines().next(),
        Some("Randevunuz güncellendi ✅")
    );
}

#[test]
fn with_several_appointments_the_customer_picks_one_and_with_none_is_offered_to_book() {
    let cal = clinic();
    let mine = [upcoming(&cal, "a1", date(2026, 12, 3), 10), upcoming(&cal, "a2", date(2026, 12, 10), 15)];
    let mut c = ctx(&cal, &[], false);
    c.upcoming = &mine;
    let (_, o) = talk(&c, &["randevumu iptal etmek istiyorum"]);
    let (text, choices) = said(&o);
    assert_eq!(text, "Hangi randevunuz?");
    assert_eq!(choices, ["Perşembe 3 Aralık 10:00", "Perşembe 10 Aralık 15:00"]);
    let (_, o) = talk(&c, &["randevumu iptal etmek istiyorum", "2", "evet"]);
    assert_eq!(o, Outcome::Cancel { appointment_id: "a2".into(), language: Language::Tr });

    c.upcoming = &[];
    let (flow, o) = talk(&c, &["randevum ne zaman"]);
    assert!(flow.is_none());
    let (text, choices) = said(&o);
    assert!(text.contains("yaklaşan bir randevu göremiyorum"), "{text}");
    assert!(wants_to_book(&choices[0]), "the offered choice starts a booking");
}

#[test]
fn a_reminder_waits_for_i_will_come_or_cancel_and_lets_other_messages_through() {
    let cal = clinic();
    let c = ctx(&cal, &[], false);
    let waiting = reminded("a1".into(), Language::Tr, c.now, vec!["Geleceğim".into(), "İptal et".into()]);
    let thanks = step(Some(waiting.clone()), "Geleceğim", &c).unwrap();
    assert_eq!(said(&thanks).0, "Teşekkürler, görüşmek üzere!");
    for cancel in ["İptal et", "gelemeyeceğim maalesef", "2"] {
        assert_eq!(
            step(Some(waiting.clone()), cancel, &c),
            Some(Outcome::Cancel { appointment_id: "a1".into(), language: Language::Tr }),
            "{cancel}"
        );
    }
    assert!(step(Some(waiting.clone()), "Otopark var mı?", &c).is_none(), "answered as usual");
    // A reminder waits longer than a booking in progress, but not forever.
    let mut next_morning = waiting.clone();
    next_morning.touched -= 20 * 60;
    assert!(step(Some(next_morning), "evet", &c).is_some());
    let mut old = waiting;
    old.touched -= REMINDED_IDLE_MINUTES + 1;
    assert!(step(Some(old), "evet", &c).is_none());
}
