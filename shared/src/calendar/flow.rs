//! Booking in the conversation without a model: a guided flow that asks for the service, the
//! day, the time, the name (and, in the widget, a phone number), then confirms. Every step
//! takes a tap on an offered choice or free text ("yarın öğleden sonra", "saat 3'te", "2"); a
//! date or time said early fills later steps; "vazgeç" leaves at any step; a question in the
//! middle is answered from the knowledge base and the flow asks its step again.
//!
//! Pure: the caller supplies the calendar, the time now and the busy time, books what
//! [`Outcome::Book`] asks for, and stores the flow on the conversation with the reply.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::when::{self, TimeOfDay};
use super::{Busy, Calendar, FreeSlot, Minute, Service, local_date, local_rfc3339};
use crate::ai::text::fold;
use crate::copy::{self, Language};
use crate::ids::{AppointmentId, ResourceId, ServiceId};

/// A flow left alone this long is forgotten (the customer moved on).
pub const IDLE_MINUTES: i64 = 6 * 60;
/// Days offered at once, and how far ahead the flow looks for free days.
const DAYS_OFFERED: usize = 7;
const DAYS_SEARCHED: i64 = 21;
/// Times offered at once (a WhatsApp list holds 10 rows).
const TIMES_OFFERED: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Service,
    Day,
    Time,
    Name,
    Phone,
    Confirm,
    /// Which of the customer's appointments (to cancel or move).
    Pick,
    /// Whether to cancel `cancelling`.
    Cancel,
    /// A reminder of `cancelling` was sent: the customer may say they come, or cancel.
    Reminded,
}

/// What a customer wants done with an appointment they have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Manage {
    Show,
    Cancel,
    Move,
}

/// One of the customer's upcoming appointments, as the flow shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    pub id: AppointmentId,
    pub service_id: ServiceId,
    pub service_name: String,
    pub resource_name: String,
    pub start: Minute,
    pub customer_name: String,
}

/// Where a customer is in booking, kept on the conversation between messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingFlow {
    pub step: Step,
    pub language: Language,
    pub service_id: Option<ServiceId>,
    pub date: Option<Date>,
    /// A part of the day the customer asked for (minutes after midnight).
    pub window: Option<(i64, i64)>,
    /// A clock time the customer asked for (minutes after midnight).
    pub at: Option<i64>,
    pub start: Option<Minute>,
    pub resource_id: Option<ResourceId>,
    pub name: Option<String>,
    pub phone: Option<String>,
    /// The choices offered at this step, so a tap or a number picks one.
    pub offered: Vec<String>,
    pub touched: Minute,
    /// The appointment this flow moves (the confirmed time replaces its time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moving: Option<AppointmentId>,
    /// The appointment the customer is asked to confirm cancelling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelling: Option<AppointmentId>,
    /// What the customer picks an appointment for (at [`Step::Pick`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picking_for: Option<Manage>,
}

/// What the flow needs to know this turn.
pub struct Ctx<'a> {
    pub cal: &'a Calendar,
    pub now: Minute,
    /// Time already held on the bot's resources over the coming weeks.
    pub busy: &'a [Busy],
    /// The widget asks for a phone number; WhatsApp has the customer's.
    pub ask_phone: bool,
    /// The name the customer's WhatsApp profile or an earlier message gave.
    pub known_name: Option<&'a str>,
    /// The bot's language, for a flow started by a message too short to tell.
    pub language: Language,
    /// The knowledge base answers this message confidently (a question asked mid-flow).
    pub knowledge_answers: bool,
    /// The customer's upcoming booked appointments from this conversation, earliest first.
    pub upcoming: &'a [Upcoming],
}

/// The appointment the customer confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    pub service_id: ServiceId,
    pub start: Minute,
    /// The resource offered first; any other free at that time may take it.
    pub resource_id: ResourceId,
    pub name: String,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The flow answers; `flow` is what to keep (`None`: the flow ended).
    Says { text: String, choices: Vec<String>, flow: Option<BookingFlow> },
    /// The customer confirmed: book it, then answer with [`booked`] or [`taken`].
    Book { booking: Booking, flow: BookingFlow },
    /// Not an answer to the step (a question): answer it as usual, then ask the step again
    /// with [`prompt`].
    Aside(BookingFlow),
    /// The customer confirmed cancelling: cancel it, then answer with [`cancelled`].
    Cancel { appointment_id: AppointmentId, language: Language },
}

/// Whether a message is about an appointment the customer already has, and what about it.
pub fn manage_intent(text: &str) -> Option<Manage> {
    let t = fold(text);
    let about = has_any(&t, &["randevum*", "my appointment*", "my booking*", "rezervasyonum*"]);
    let changes = ["ertele*", "degistir*", "kaydir*", "reschedule*", "move", "change"];
    let cancels = ["iptal*", "cancel*", "gelemeyecegim", "gelemiyorum", "gelemem", "vazgec*"];
    let about = about
        || (has_any(&t, &["randevu*", "appointment*", "booking*", "rezervasyon*"])
            && (has_any(&t, &changes) || has_any(&t, &cancels)));
    if !about {
        return None;
    }
    Some(if has_any(&t, &cancels) {
        Manage::Cancel
    } else if has_any(&t, &changes) {
        Manage::Move
    } else {
        Manage::Show
    })
}

fn label_of(ctx: &Ctx, language: Language, a: &Upcoming) -> String {
    let day = copy::day_label(language, local_date(&ctx.cal.tz(), a.start));
    format!("{} · {day} {} · {}", a.service_name, clock(ctx, a.start), a.resource_name)
}

/// A short label for choosing among appointments: "Salı 1 Aralık 10:00".
fn short_label(ctx: &Ctx, language: Language, a: &Upcoming) -> String {
    let day = copy::day_label(language, local_date(&ctx.cal.tz(), a.start));
    format!("{day} {}", clock(ctx, a.start))
}

fn new_flow(now: Minute, language: Language, step: Step) -> BookingFlow {
    BookingFlow {
        step,
        language,
        service_id: None,
        date: None,
        window: None,
        at: None,
        start: None,
        resource_id: None,
        name: None,
        phone: None,
        offered: Vec::new(),
        touched: now,
        moving: None,
        cancelling: None,
        picking_for: None,
    }
}

/// Acts on `what` for `chosen`: asks to confirm a cancel, or starts moving it.
fn manage_one(ctx: &Ctx, language: Language, what: Manage, chosen: &Upcoming) -> Outcome {
    match what {
        Manage::Cancel | Manage::Show => {
            let mut flow = new_flow(ctx.now, language, Step::Cancel);
            flow.cancelling = Some(chosen.id.clone());
            flow.offered = vec![copy::booking_cancel_yes(language).into(), copy::booking_keep(language).into()];
            let choices = flow.offered.clone();
            says(copy::booking_cancel_ask(language, &label_of(ctx, language, chosen)), choices, Some(flow))
        }
        Manage::Move => {
            let mut flow = new_flow(ctx.now, language, Step::Day);
            flow.moving = Some(chosen.id.clone());
            flow.service_id = Some(chosen.service_id.clone());
            flow.name = Some(chosen.customer_name.clone());
            flow.phone = Some(String::new());
            advance(flow, ctx, None)
        }
    }
}

/// The answer to a message about the customer's own appointments.
pub fn manage(what: Manage, text: &str, ctx: &Ctx) -> Outcome {
    let language = if text.split_whitespace().count() >= 3 { crate::ai::text::detect_lang(text) } else { ctx.language };
    match (what, ctx.upcoming) {
        (_, []) => says(copy::booking_none_upcoming(language), vec![copy::booking_new_choice(language).into()], None),
        (Manage::Show, list) => {
            let lines: Vec<String> = list.iter().map(|a| label_of(ctx, language, a)).collect();
            says(
                copy::booking_upcoming(language, &lines.join("\n")),
                vec![copy::booking_change_mine(language).into(), copy::booking_cancel_mine(language).into()],
                None,
            )
        }
        (what, [only]) => manage_one(ctx, language, what, only),
        (what, list) => {
            let mut flow = new_flow(ctx.now, language, Step::Pick);
            flow.picking_for = Some(what);
            flow.offered = list.iter().take(TIMES_OFFERED).map(|a| short_label(ctx, language, a)).collect();
            let choices = flow.offered.clone();
            says(copy::booking_which_one(language), choices, Some(flow))
        }
    }
}

/// The flow a WhatsApp reminder leaves the conversation in (its buttons are `offered`).
pub fn reminded(appointment_id: AppointmentId, language: Language, now: Minute, offered: Vec<String>) -> BookingFlow {
    let mut flow = new_flow(now, language, Step::Reminded);
    flow.cancelling = Some(appointment_id);
    flow.offered = offered;
    flow
}

/// How long a reminder waits for the customer's answer.
pub const REMINDED_IDLE_MINUTES: i64 = 36 * 60;

/// The answer once the appointment is cancelled: the flow ends.
pub fn cancelled(language: Language) -> Outcome {
    says(copy::booking_cancelled(language), Vec::new(), None)
}

fn has_any(folded: &str, words: &[&str]) -> bool {
    let padded = format!(
        " {} ",
        folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    );
    words.iter().any(|w| {
        padded.contains(&format!(" {w} ")) || (w.ends_with('*') && padded.contains(&format!(" {}", &w[..w.len() - 1])))
    })
}

/// Whether a message asks to book (and not about an existing appointment or a policy).
pub fn wants_to_book(text: &str) -> bool {
    let t = fold(text);
    if has_any(&t, &["randevum*", "randevusuz*", "my appointment", "randevular*"]) {
        return false;
    }
    let topic = has_any(
        &t,
        &[
            "randevu*",
            "rezervasyon*",
            "book",
            "booking",
            "appointment*",
            "reservation*",
            "yer var mi",
            "bos yer*",
            "musait*",
        ],
    );
    let wish = has_any(
        &t,
        &[
            "al*",
            "olustur*",
            "ayarla*",
            "istiyorum",
            "isterim",
            "istiyoruz",
            "var mi",
            "yap*",
            "ver*",
            "lazim",
            "like",
            "want",
            "can i",
            "could i",
            "need",
            "make",
            "book",
            "booking",
        ],
    );
    topic && (wish || t.split_whitespace().count() <= 2)
}

fn leaves(text: &str) -> bool {
    has_any(
        &fold(text),
        &["vazgec*", "bosver*", "istemiyorum", "iptal", "cancel", "stop", "never mind", "nevermind", "forget it"],
    ) || fold(text).trim() == fold(copy::booking_cancel_choice(Language::Tr))
        || fold(text).trim() == fold(copy::booking_cancel_choice(Language::En))
}

fn agrees(text: &str) -> bool {
    let t = fold(text);
    has_any(
        &t,
        &[
            "evet", "onay*", "tamam", "olur", "uygun", "dogru", "yes", "ok", "okay", "sure", "confirm*", "yep",
            "tabii", "tabi",
        ],
    )
}

/// The offered choice a reply picks: the label itself, its number ("2"), or a label the
/// text contains.
fn picked(text: &str, offered: &[String]) -> Option<usize> {
    let t = fold(text.trim());
    if let Some(i) = offered.iter().position(|o| fold(o) == t) {
        return Some(i);
    }
    if let Ok(n) = t.trim_end_matches(['.', ')']).parse::<usize>()
        && (1..=offered.len()).contains(&n)
    {
        return Some(n - 1);
    }
    None
}

fn stem(word: &str) -> &str {
    let end = word.char_indices().nth(5).map_or(word.len(), |(i, _)| i);
    &word[..end]
}

/// The active service the text names (all of its significant words, by their first letters).
fn service_named<'a>(cal: &'a Calendar, text: &str) -> Option<&'a Service> {
    let t = fold(text);
    let words: Vec<&str> = t.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 3).collect();
    let mut found = cal.services.iter().filter(|s| s.active).filter(|s| {
        let name = fold(&s.name);
        let parts: Vec<&str> = name.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 3).collect();
        !parts.is_empty() && parts.iter().all(|p| words.iter().any(|w| stem(w) == stem(p)))
    });
    let first = found.next()?;
    // The longest name wins ("Diş temizliği" over "Diş" when both match).
    Some(found.fold(first, |best, s| if s.name.len() > best.name.len() { s } else { best }))
}

fn when_context(cal: &Calendar, now: Minute) -> when::Context {
    let today = local_date(&cal.tz(), now);
    // The earliest opening and latest closing of the week stand for "business hours".
    let intervals = cal
        .resources
        .iter()
        .filter(|r| r.active)
        .flat_map(|r| r.hours.days().into_iter().flat_map(|(_, d)| d.to_vec()));
    let (mut open, mut close) = (24 * 60, 0);
    for i in intervals {
        open = open.min(i.from.minutes());
        close = close.max(i.to.minutes());
    }
    if open >= close {
        (open, close) = (9 * 60, 18 * 60);
    }
    let time =
        |m: i64| jiff::civil::Time::new((m.min(1439) / 60) as i8, (m.min(1439) % 60) as i8, 0, 0).unwrap_or_default();
    when::Context { today, opens: time(open), closes: time(close) }
}

fn minute_of_day(t: jiff::civil::Time) -> i64 {
    i64::from(t.hour()) * 60 + i64::from(t.minute())
}

/// Fills what a message says about the day and time.
fn absorb_when(flow: &mut BookingFlow, text: &str, ctx: &Ctx) -> bool {
    let said = when::parse(text, &when_context(ctx.cal, ctx.now));
    if let Some(d) = said.date {
        flow.date = Some(d);
    }
    match said.time {
        Some(TimeOfDay::At(t)) => {
            flow.at = Some(minute_of_day(t));
            flow.window = None;
        }
        Some(TimeOfDay::Between(a, b)) => {
            flow.window = Some((minute_of_day(a), minute_of_day(b)));
            flow.at = None;
        }
        None => {}
    }
    !said.is_empty()
}

fn service_of<'a>(flow: &BookingFlow, cal: &'a Calendar) -> Option<&'a Service> {
    flow.service_id.as_ref().and_then(|id| cal.service(id)).filter(|s| s.active)
}

/// Free times of the flow's service on a day, one per start (the first resource free then).
fn times_on(ctx: &Ctx, service: &Service, date: Date) -> Vec<FreeSlot> {
    let mut slots = ctx.cal.free_slots(service, (date, date), ctx.now, ctx.busy, super::Whose::Customer(None));
    slots.dedup_by_key(|s| s.start);
    slots
}

fn free_days(ctx: &Ctx, service: &Service, from: Date) -> Vec<Date> {
    let mut days = Vec::new();
    let mut d = from;
    for _ in 0..DAYS_SEARCHED {
        if !times_on(ctx, service, d).is_empty() {
            days.push(d);
            if days.len() == DAYS_OFFERED {
                break;
            }
        }
        match d.tomorrow() {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    days
}

fn clock(ctx: &Ctx, minute: Minute) -> String {
    local_rfc3339(&ctx.cal.tz(), minute)[11..16].to_string()
}

/// "Diş temizliği · Salı 1 Aralık 10:00 · Dt. Elif Kaya · Ayşe Yılmaz"
pub fn summary(ctx: &Ctx, flow: &BookingFlow) -> String {
    let mut parts = Vec::new();
    if let Some(s) = service_of(flow, ctx.cal) {
        parts.push(s.name.clone());
    }
    if let Some(start) = flow.start {
        let day = copy::day_label(flow.language, local_date(&ctx.cal.tz(), start));
        parts.push(format!("{day} {}", clock(ctx, start)));
    }
    if let Some(r) = flow.resource_id.as_ref().and_then(|id| ctx.cal.resource(id)) {
        parts.push(r.name.clone());
    }
    if let Some(n) = &flow.name {
        parts.push(n.clone());
    }
    parts.join(" · ")
}

fn says(text: impl Into<String>, choices: Vec<String>, flow: Option<BookingFlow>) -> Outcome {
    Outcome::Says { text: text.into(), choices, flow }
}

/// Offers the days with free times from `from` on, asking `ask` (after `lead`); with none in
/// the coming weeks, the flow ends and a person is offered.
fn offer_days(
    mut flow: BookingFlow,
    ctx: &Ctx,
    service: &Service,
    from: Date,
    ask: String,
    lead: Option<&str>,
) -> Outcome {
    let lang = flow.language;
    let days = free_days(ctx, service, from);
    let (text, choices, flow) = if days.is_empty() {
        (copy::booking_no_time(lang).to_string(), vec![copy::person_choice(lang).into()], None)
    } else {
        flow.step = Step::Day;
        flow.date = None;
        flow.offered = days.iter().map(|d| copy::day_label(lang, *d)).collect();
        (ask, flow.offered.clone(), Some(flow))
    };
    says(lead.map_or(text.clone(), |l| format!("{l}\n{text}")), choices, flow)
}

/// Moves the flow to the first step that still lacks an answer and asks it.
fn advance(mut flow: BookingFlow, ctx: &Ctx, lead: Option<&str>) -> Outcome {
    let lang = flow.language;
    let with_lead = |text: String| match lead {
        Some(l) => format!("{l}\n{text}"),
        None => text,
    };
    let Some(service) = service_of(&flow, ctx.cal).cloned() else {
        let services: Vec<String> = ctx.cal.services.iter().filter(|s| s.active).map(|s| s.name.clone()).collect();
        flow.step = Step::Service;
        flow.offered = services.iter().take(TIMES_OFFERED).cloned().collect();
        let choices = flow.offered.clone();
        return says(with_lead(copy::booking_which_service(lang).into()), choices, Some(flow));
    };
    if flow.start.is_none() {
        let today = local_date(&ctx.cal.tz(), ctx.now);
        let Some(date) = flow.date.filter(|d| *d >= today) else {
            let ask = copy::booking_which_day(lang, &service.name);
            return offer_days(flow, ctx, &service, today, ask, lead);
        };
        let times = times_on(ctx, &service, date);
        if times.is_empty() {
            let full = copy::booking_day_full(lang, &copy::day_label(lang, date));
            return offer_days(flow, ctx, &service, date, full, lead);
        }
        let tz = ctx.cal.tz();
        let of_day = |s: &FreeSlot| s.start - super::local_minute(&tz, date, 0).unwrap_or(s.start);
        if let Some(at) = flow.at
            && let Some(exact) = times.iter().find(|s| of_day(s) == at)
        {
            flow.start = Some(exact.start);
            flow.resource_id = Some(exact.resource_id.clone());
            return advance(flow, ctx, lead);
        }
        let day = copy::day_label(lang, date);
        let (mut shown, text): (Vec<&FreeSlot>, String) = if let Some(at) = flow.at {
            let mut near: Vec<&FreeSlot> = times.iter().collect();
            near.sort_by_key(|s| (of_day(s) - at).abs());
            near.truncate(TIMES_OFFERED.min(5));
            (near, copy::booking_time_full(lang, &day))
        } else if let Some((a, b)) = flow.window {
            let inside: Vec<&FreeSlot> = times.iter().filter(|s| (a..b).contains(&of_day(s))).collect();
            if inside.is_empty() {
                (times.iter().collect(), copy::booking_time_full(lang, &day))
            } else {
                (inside, copy::booking_which_time(lang, &day))
            }
        } else {
            (times.iter().collect(), copy::booking_which_time(lang, &day))
        };
        shown.sort_by_key(|s| s.start);
        shown.truncate(TIMES_OFFERED);
        flow.step = Step::Time;
        flow.date = Some(date);
        flow.at = None;
        flow.offered = shown.iter().map(|s| clock(ctx, s.start)).collect();
        let choices = flow.offered.clone();
        return says(with_lead(text), choices, Some(flow));
    }
    if flow.name.is_none() {
        flow.step = Step::Name;
        flow.offered = ctx.known_name.map(|n| vec![n.chars().take(24).collect()]).unwrap_or_default();
        let choices = flow.offered.clone();
        return says(with_lead(copy::booking_whose_name(lang).into()), choices, Some(flow));
    }
    if ctx.ask_phone && flow.phone.is_none() {
        flow.step = Step::Phone;
        flow.offered = Vec::new();
        return says(with_lead(copy::booking_phone(lang).into()), Vec::new(), Some(flow));
    }
    flow.step = Step::Confirm;
    flow.offered = vec![
        copy::booking_confirm_choice(lang).into(),
        copy::booking_change_choice(lang).into(),
        copy::booking_cancel_choice(lang).into(),
    ];
    let choices = flow.offered.clone();
    let text = copy::booking_confirm(lang, &summary(ctx, &flow));
    says(with_lead(text), choices, Some(flow))
}

/// A person's name as typed: letters, spaces, apostrophes and hyphens, 2 to 60 characters,
/// at most five words.
fn as_name(text: &str) -> Option<String> {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let ok = (2..=60).contains(&name.chars().count())
        && name.split(' ').count() <= 5
        && name.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '\'' | '’' | '-' | '.'));
    ok.then_some(name)
}

/// Whether a message that is no answer to the step is something else the customer asks.
fn is_aside(text: &str) -> bool {
    text.contains('?') || text.split_whitespace().count() >= 3
}

/// The flow's answer to a message: `flow` is the conversation's flow (if any), `text` what
/// the customer wrote. `None`: no flow, and the message does not ask to book.
pub fn step(flow: Option<BookingFlow>, text: &str, ctx: &Ctx) -> Option<Outcome> {
    let flow = flow.filter(|f| {
        let idle = if f.step == Step::Reminded { REMINDED_IDLE_MINUTES } else { IDLE_MINUTES };
        ctx.now - f.touched < idle
    });
    let Some(mut flow) = flow else {
        if let Some(what) = manage_intent(text) {
            return Some(manage(what, text, ctx));
        }
        if !wants_to_book(text) || !ctx.cal.services.iter().any(|s| s.active) {
            return None;
        }
        let words = text.split_whitespace().count();
        let language = if words >= 3 { crate::ai::text::detect_lang(text) } else { ctx.language };
        let mut flow = new_flow(ctx.now, language, Step::Service);
        flow.service_id = service_named(ctx.cal, text).map(|s| s.id.clone()).or_else(|| {
            let active: Vec<&Service> = ctx.cal.services.iter().filter(|s| s.active).collect();
            (active.len() == 1).then(|| active[0].id.clone())
        });
        absorb_when(&mut flow, text, ctx);
        return Some(advance(flow, ctx, None));
    };
    flow.touched = ctx.now;
    let lang = flow.language;
    if flow.step == Step::Reminded {
        let id = flow.cancelling.clone()?;
        let t = fold(text);
        return match picked(text, &flow.offered) {
            Some(0) => Some(says(copy::reminder_thanks(lang), Vec::new(), None)),
            Some(_) => Some(Outcome::Cancel { appointment_id: id, language: lang }),
            None if has_any(&t, &["iptal*", "cancel*", "gelemeyecegim", "gelemiyorum", "gelemem"]) => {
                Some(Outcome::Cancel { appointment_id: id, language: lang })
            }
            None if agrees(text) || has_any(&t, &["gelecegim", "gelirim", "geliyorum", "orada*", "there"]) => {
                Some(says(copy::reminder_thanks(lang), Vec::new(), None))
            }
            // Anything else is a new message: answered as if no reminder were waiting.
            None => step(None, text, ctx),
        };
    }
    if !matches!(flow.step, Step::Confirm | Step::Cancel) && leaves(text) {
        return Some(says(copy::booking_left(lang), Vec::new(), None));
    }
    let choice = picked(text, &flow.offered);
    // A question the knowledge base answers ("Cumartesi açık mısınız?") is an aside, even when
    // it names a day.
    if choice.is_none() && text.contains('?') && ctx.knowledge_answers {
        return Some(Outcome::Aside(flow));
    }
    match flow.step {
        Step::Service => {
            let named = choice
                .and_then(|i| ctx.cal.services.iter().filter(|s| s.active).nth(i))
                .or_else(|| service_named(ctx.cal, text));
            match named {
                Some(s) => {
                    flow.service_id = Some(s.id.clone());
                    absorb_when(&mut flow, text, ctx);
                }
                None if is_aside(text) => return Some(Outcome::Aside(flow)),
                None => return Some(advance(flow, ctx, Some(copy::booking_pick_one(lang)))),
            }
        }
        Step::Day => {
            let today = local_date(&ctx.cal.tz(), ctx.now);
            let offered_day = choice.and_then(|i| flow.offered.get(i)).and_then(|label| {
                (0..i64::from(ctx.cal.max_days_ahead) + 1)
                    .filter_map(|k| today.checked_add(jiff::Span::new().days(k)).ok())
                    .find(|d| copy::day_label(lang, *d) == *label)
            });
            match offered_day {
                Some(d) => {
                    flow.date = Some(d);
                    absorb_when(&mut flow, text, ctx);
                }
                None => {
                    let before = flow.date;
                    flow.date = None;
                    if !absorb_when(&mut flow, text, ctx) || flow.date.is_none() {
                        flow.date = before;
                        if let Some(s) = service_named(ctx.cal, text) {
                            flow.service_id = Some(s.id.clone());
                        } else if is_aside(text) {
                            return Some(Outcome::Aside(flow));
                        } else {
                            return Some(advance(flow, ctx, Some(copy::booking_pick_one(lang))));
                        }
                    }
                }
            }
        }
        Step::Time => {
            let date = flow.date?;
            let service = service_of(&flow, ctx.cal)?.clone();
            let times = times_on(ctx, &service, date);
            let tz = ctx.cal.tz();
            let chosen = choice
                .and_then(|i| flow.offered.get(i))
                .and_then(|label| times.iter().find(|s| local_rfc3339(&tz, s.start)[11..16] == **label));
            match chosen {
                Some(slot) => {
                    flow.start = Some(slot.start);
                    flow.resource_id = Some(slot.resource_id.clone());
                }
                None => {
                    if !absorb_when(&mut flow, text, ctx) {
                        if is_aside(text) {
                            return Some(Outcome::Aside(flow));
                        }
                        return Some(advance(flow, ctx, Some(copy::booking_pick_one(lang))));
                    }
                }
            }
        }
        Step::Name => {
            let name = choice.and(ctx.known_name.map(str::to_owned)).or_else(|| as_name(text));
            match name {
                Some(n) => flow.name = Some(n),
                None if is_aside(text) => return Some(Outcome::Aside(flow)),
                None => return Some(advance(flow, ctx, None)),
            }
        }
        Step::Phone => match crate::domain::PhoneE164::parse(text) {
            Ok(p) => flow.phone = Some(p.to_string()),
            Err(_) if is_aside(text) && !text.chars().any(|c| c.is_ascii_digit()) => return Some(Outcome::Aside(flow)),
            Err(_) => return Some(says(copy::booking_bad_phone(lang), Vec::new(), Some(flow))),
        },
        // Answered above, before any other step.
        Step::Reminded => return None,
        Step::Pick => {
            let what = flow.picking_for.unwrap_or(Manage::Show);
            let chosen = choice
                .and_then(|i| flow.offered.get(i))
                .and_then(|label| ctx.upcoming.iter().find(|a| short_label(ctx, lang, a) == *label));
            return Some(match chosen {
                Some(a) => manage_one(ctx, lang, what, a),
                None if is_aside(text) => Outcome::Aside(flow),
                None => says(copy::booking_which_one(lang), flow.offered.clone(), Some(flow)),
            });
        }
        Step::Cancel => {
            let id = flow.cancelling.clone()?;
            return Some(match choice {
                Some(0) => Outcome::Cancel { appointment_id: id, language: lang },
                Some(_) => says(copy::booking_kept(lang), Vec::new(), None),
                None if agrees(text) || has_any(&fold(text), &["iptal*", "cancel*"]) => {
                    Outcome::Cancel { appointment_id: id, language: lang }
                }
                None if is_aside(text) => Outcome::Aside(flow),
                None => says(copy::booking_kept(lang), Vec::new(), None),
            });
        }
        Step::Confirm => {
            return Some(match choice {
                Some(0) => book(flow),
                Some(1) => change(flow, ctx),
                Some(_) => says(copy::booking_left(lang), Vec::new(), None),
                None if leaves(text) => says(copy::booking_left(lang), Vec::new(), None),
                None if agrees(text) => book(flow),
                None => {
                    // "cuma 11 olsun": a new day or time is a change.
                    let mut changed = flow.clone();
                    if absorb_when(&mut changed, text, ctx) {
                        changed.start = None;
                        changed.resource_id = None;
                        advance(changed, ctx, None)
                    } else if is_aside(text) {
                        Outcome::Aside(flow)
                    } else {
                        advance(flow, ctx, Some(copy::booking_pick_one(lang)))
                    }
                }
            });
        }
    }
    if matches!(flow.step, Step::Day | Step::Service) || flow.step == Step::Time && flow.start.is_none() {
        flow.start = None;
        flow.resource_id = None;
    }
    Some(advance(flow, ctx, None))
}

fn book(flow: BookingFlow) -> Outcome {
    match (&flow.service_id, flow.start, &flow.resource_id, &flow.name) {
        (Some(service_id), Some(start), Some(resource_id), Some(name)) => Outcome::Book {
            booking: Booking {
                service_id: service_id.clone(),
                start,
                resource_id: resource_id.clone(),
                name: name.clone(),
                phone: flow.phone.clone(),
            },
            flow,
        },
        _ => says(copy::booking_left(flow.language), Vec::new(), None),
    }
}

fn change(mut flow: BookingFlow, ctx: &Ctx) -> Outcome {
    flow.date = None;
    flow.start = None;
    flow.resource_id = None;
    flow.at = None;
    flow.window = None;
    advance(flow, ctx, None)
}

/// The step asked again after an aside (the answer to the aside comes first).
pub fn prompt(flow: BookingFlow, ctx: &Ctx) -> Outcome {
    let lang = flow.language;
    match flow.step {
        Step::Pick | Step::Cancel | Step::Reminded => {
            let text = match flow.step {
                Step::Pick => copy::booking_which_one(lang).to_string(),
                _ => copy::booking_cancel_ask(lang, ""),
            };
            let choices = flow.offered.clone();
            says(format!("{}\n{}", copy::booking_resume(lang), text.trim_start()), choices, Some(flow))
        }
        _ => advance(flow, ctx, Some(copy::booking_resume(lang))),
    }
}

/// The answer once the appointment is written: the flow ends.
pub fn booked(flow: &BookingFlow, ctx: &Ctx) -> Outcome {
    let text = match flow.moving {
        Some(_) => copy::booking_moved(flow.language, &summary(ctx, flow)),
        None => copy::booking_done(flow.language, &summary(ctx, flow)),
    };
    says(text, Vec::new(), None)
}

/// The answer when the time was taken meanwhile: other times that day (or days).
pub fn taken(mut flow: BookingFlow, ctx: &Ctx) -> Outcome {
    let lang = flow.language;
    flow.start = None;
    flow.resource_id = None;
    flow.at = None;
    advance(flow, ctx, Some(copy::booking_taken(lang)))
}

#[cfg(test)]
mod tests;
