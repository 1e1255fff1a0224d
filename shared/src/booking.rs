//! The assistant books appointments in the conversation: the guided flow
//! ([`crate::calendar::flow`]) run against the bot's calendar and the store, on both channels.
//! A booking made on a turn has an id derived from the customer's message, so a retried turn
//! finds its own appointment instead of booking twice.

pub mod model;

use sha2::{Digest, Sha256};

use crate::ai::{LeadFields, Reply};
use crate::calendar::flow::{self, Booking, BookingFlow, Ctx, Outcome, Upcoming};
use crate::calendar::{self, Calendar, Minute};
use crate::ids::{AppointmentId, MessageId};
use crate::state::AppState;
use crate::store::appointments::{
    self, Appointment, AppointmentSource, AppointmentStatus, Booked, Customer, NewAppointment,
};
use crate::store::bots::Bot;
use crate::store::conversations::{BookingChange, Conversation, Source};

/// What the booking flow makes of a customer's message.
pub enum FlowTurn {
    /// The flow answers.
    Answer { reply: Box<Reply>, change: BookingChange },
    /// The message is something else: answer it as usual, then ask the step again with this.
    Aside { prompt: String, choices: Vec<String>, change: BookingChange },
}

/// How many days of busy time a turn reads around the days it may offer.
const BUSY_DAYS: i64 = 22;

/// The appointment id a turn books under: the customer's message's time, and a hash of it.
pub fn appointment_id_for(message: &MessageId) -> AppointmentId {
    let digest = hex::encode(Sha256::digest(format!("{message}:appointment").as_bytes()));
    let time: String = message.chars().take(10).collect();
    AppointmentId::from(format!("{time}{}", &digest[..16]))
}

fn change_to(outcome_flow: Option<BookingFlow>) -> BookingChange {
    match outcome_flow {
        Some(f) => BookingChange::Set(Box::new(f)),
        None => BookingChange::Clear,
    }
}

/// The flow's turn, or `None` when the message has nothing to do with booking (the usual
/// answer follows, and nothing was read).
pub async fn flow_turn(
    state: &AppState,
    bot: &Bot,
    conversation: &Conversation,
    knowledge: &crate::ai::KnowledgeBase,
    text: &str,
    message_id: &MessageId,
) -> anyhow::Result<Option<FlowTurn>> {
    let manages = flow::manage_intent(text).is_some();
    if conversation.booking.is_none() && !manages && !flow::wants_to_book(text) {
        return Ok(None);
    }
    let tenant = &conversation.tenant_id;
    let Some(cal) = appointments::get_calendar(state, tenant, &bot.id).await? else {
        return Ok(None);
    };
    let now = calendar::now_minute();
    let busy = busy_around(state, &cal, conversation, now).await?;
    let mine = if manages || conversation.booking.is_some() {
        appointments::of_conversation(state, tenant, &conversation.id).await?
    } else {
        Vec::new()
    };
    let upcoming: Vec<Upcoming> = mine
        .iter()
        .filter(|a| a.status == AppointmentStatus::Booked && a.start_minute >= now)
        .map(|a| Upcoming {
            id: a.id.clone(),
            service_id: a.service_id.clone(),
            service_name: a.service_name.clone(),
            resource_name: a.resource_name.clone(),
            start: a.start_minute,
            customer_name: a.customer.name.clone(),
        })
        .collect();
    let ctx = Ctx {
        cal: &cal,
        now,
        busy: &busy,
        ask_phone: conversation.source == Source::WebWidget,
        known_name: conversation.contact_name.as_deref(),
        language: bot.language,
        knowledge_answers: conversation.booking.is_some() && crate::ai::knows(knowledge, text),
        upcoming: &upcoming,
    };
    let Some(outcome) = flow::step(conversation.booking.clone(), text, &ctx) else {
        return Ok(None);
    };
    let outcome = match outcome {
        Outcome::Cancel { appointment_id, language } => {
            if let Some(before) = mine.iter().find(|a| a.id == appointment_id) {
                cancel(state, &cal, before, bot.language).await?;
            }
            flow::cancelled(language)
        }
        Outcome::Book { booking, flow } if flow.moving.is_some() => {
            let moving = flow.moving.clone().unwrap_or_default();
            match mine.iter().find(|a| a.id == moving) {
                Some(before) if before.status == AppointmentStatus::Booked => {
                    match move_to(state, &cal, before, &booking, &busy, bot.language).await? {
                        Some(moved) => {
                            let mut flow = flow;
                            flow.resource_id = Some(moved.resource_id.clone());
                            flow::booked(&flow, &ctx)
                        }
                        None => flow::taken(flow, &ctx),
                    }
                }
                // Moved or cancelled meanwhile (by the team, or an earlier attempt of this turn).
                Some(before) if before.start_minute == booking.start => {
                    let mut flow = flow;
                    flow.resource_id = Some(before.resource_id.clone());
                    flow::booked(&flow, &ctx)
                }
                _ => flow::cancelled(flow.language),
            }
        }
        Outcome::Book { booking, flow } => {
            let done = book(state, &cal, conversation, &booking, message_id, &busy).await?;
            if done.is_some() {
                state.faults.check("after_appointment_booked")?;
            }
            match done {
                Some(appointment) => {
                    let mut flow = flow;
                    flow.resource_id = Some(appointment.resource_id.clone());
                    let answer = flow::booked(&flow, &ctx);
                    let lead = LeadFields {
                        name: Some(booking.name.clone()),
                        email: None,
                        phone: appointment.customer.phone.as_ref().map(|p| p.to_string()),
                        note: Some(format!("Randevu: {}", flow::summary(&ctx, &flow))),
                    };
                    return Ok(Some(answered(answer, Some(lead))));
                }
                None => flow::taken(flow, &ctx),
            }
        }
        other => other,
    };
    Ok(Some(match outcome {
        Outcome::Aside(flow) => match flow::prompt(flow, &ctx) {
            Outcome::Says { text, choices, flow } => FlowTurn::Aside { prompt: text, choices, change: change_to(flow) },
            other => answered(other, None),
        },
        other => answered(other, None),
    }))
}

fn answered(outcome: Outcome, lead: Option<LeadFields>) -> FlowTurn {
    match outcome {
        Outcome::Says { text, choices, flow } => {
            let mut reply = Reply::composed(text, choices);
            reply.lead = lead;
            FlowTurn::Answer { reply: Box::new(reply), change: change_to(flow) }
        }
        // `step`, `prompt` and `taken` never ask to book or step aside again.
        Outcome::Book { flow, .. } | Outcome::Aside(flow) => FlowTurn::Answer {
            reply: Box::new(Reply::composed(crate::copy::booking_left(flow.language).into(), Vec::new())),
            change: BookingChange::Clear,
        },
        Outcome::Cancel { language, .. } => FlowTurn::Answer {
            reply: Box::new(Reply::composed(crate::copy::booking_left(language).into(), Vec::new())),
            change: BookingChange::Clear,
        },
    }
}

/// The busy time of the bot's resources from today (or the day the flow is on) for a few weeks.
async fn busy_around(
    state: &AppState,
    cal: &Calendar,
    conversation: &Conversation,
    now: Minute,
) -> anyhow::Result<Vec<calendar::Busy>> {
    let tz = cal.tz();
    let today = calendar::local_date(&tz, now);
    let from = conversation.booking.as_ref().and_then(|f| f.date).filter(|d| *d > today).unwrap_or(today);
    let start = calendar::local_minute(&tz, from, 0).unwrap_or(now).min(now);
    let end = calendar::local_minute(&tz, from, 0).unwrap_or(now) + BUSY_DAYS * 1440;
    appointments::busy(state, &conversation.tenant_id, &cal.bot_id, start, end).await
}

/// Cancels `before` for the customer (a retry finds it cancelled already and does nothing).
async fn cancel(
    state: &AppState,
    cal: &Calendar,
    before: &Appointment,
    language: crate::copy::Language,
) -> anyhow::Result<()> {
    if before.status != AppointmentStatus::Booked {
        return Ok(());
    }
    let mut next = before.clone();
    next.status = AppointmentStatus::Cancelled;
    next.updated_at = crate::ids::now_rfc3339();
    next.notes = append_line(&next.notes, note(language, "cancelled"));
    match appointments::update(state, before, next).await? {
        Booked::Done(done) => crate::reminders::sync(state, &done, cal).await,
        Booked::Changed => anyhow::bail!("the appointment changed while the customer cancelled it"),
        Booked::Taken => {}
    }
    tracing::info!(appointment = %before.id, "appointment cancelled in the conversation");
    Ok(())
}

/// A line for the team in the appointment's notes, in the business's language.
fn note(language: crate::copy::Language, what: &str) -> String {
    let when = crate::ids::now_rfc3339();
    match (language, what) {
        (crate::copy::Language::Tr, "cancelled") => format!("{when}: müşteri konuşmada iptal etti."),
        (crate::copy::Language::Tr, _) => format!("{when}: müşteri konuşmada başka saate aldı."),
        (_, "cancelled") => format!("{when}: the customer cancelled in the chat."),
        _ => format!("{when}: the customer moved it in the chat."),
    }
}

fn append_line(notes: &str, line: String) -> String {
    let joined = if notes.is_empty() { line } else { format!("{notes}\n{line}") };
    joined.chars().take(2000).collect()
}

/// Moves `before` to the confirmed time, with its resource or another free one then.
async fn move_to(
    state: &AppState,
    cal: &Calendar,
    before: &Appointment,
    booking: &Booking,
    busy: &[calendar::Busy],
    language: crate::copy::Language,
) -> anyhow::Result<Option<Appointment>> {
    let duration = u32::try_from(before.end_minute - before.start_minute).unwrap_or(0);
    let hold_until = booking.start + i64::from(duration + cal.buffer_minutes);
    let others: Vec<calendar::Busy> = busy
        .iter()
        .filter(|b| !(b.resource_id == before.resource_id && b.start == before.start_minute))
        .cloned()
        .collect();
    let mut resources: Vec<&calendar::Resource> = match cal.service(&before.service_id) {
        Some(service) => cal.resources_for(service).collect(),
        None => cal.resource(&before.resource_id).into_iter().collect(),
    };
    resources.retain(|r| {
        (r.id == booking.resource_id || !calendar::overlaps_busy(&others, &r.id, booking.start, hold_until))
            && cal.within_hours(r, booking.start, booking.start + i64::from(duration))
    });
    resources.sort_by_key(|r| r.id != booking.resource_id);
    for resource in resources {
        let mut next = before.clone();
        next.resource_id = resource.id.clone();
        next.resource_name = resource.name.clone();
        next.place(cal, duration, booking.start);
        next.updated_at = crate::ids::now_rfc3339();
        next.notes = append_line(&before.notes, note(language, "moved"));
        match appointments::update(state, before, next).await? {
            Booked::Done(done) => {
                crate::reminders::sync(state, &done, cal).await;
                return Ok(Some(*done));
            }
            Booked::Changed => anyhow::bail!("the appointment changed while the customer moved it"),
            Booked::Taken => continue,
        }
    }
    Ok(None)
}

/// Books what the customer confirmed with the resource offered, or another free one at that
/// time. `None`: every resource is taken at that time. A retried turn finds its own booking.
async fn book(
    state: &AppState,
    cal: &Calendar,
    conversation: &Conversation,
    booking: &Booking,
    message_id: &MessageId,
    busy: &[calendar::Busy],
) -> anyhow::Result<Option<Appointment>> {
    let id = appointment_id_for(message_id);
    if let Some(mine) = appointments::find(state, &conversation.tenant_id, &id).await? {
        return Ok(Some(mine));
    }
    let Some(service) = cal.service(&booking.service_id) else { return Ok(None) };
    let hold_until = booking.start + cal.hold_minutes(service);
    let end = booking.start + i64::from(service.duration_minutes);
    let mut resources: Vec<&calendar::Resource> = cal
        .resources_for(service)
        .filter(|r| r.id == booking.resource_id || !calendar::overlaps_busy(busy, &r.id, booking.start, hold_until))
        .filter(|r| cal.within_hours(r, booking.start, end))
        .collect();
    resources.sort_by_key(|r| r.id != booking.resource_id);
    let phone = match conversation.source {
        Source::Whatsapp => crate::domain::PhoneE164::parse(&format!("+{}", conversation.external_user_id)).ok(),
        Source::WebWidget => booking.phone.as_deref().and_then(|p| crate::domain::PhoneE164::parse(p).ok()),
    };
    for resource in resources {
        let appointment = Appointment::new(NewAppointment {
            id: id.clone(),
            tenant_id: &conversation.tenant_id,
            calendar: cal,
            service,
            resource,
            start: booking.start,
            customer: Customer { name: booking.name.clone(), phone: phone.clone(), email: None },
            source: match conversation.source {
                Source::Whatsapp => AppointmentSource::Whatsapp,
                Source::WebWidget => AppointmentSource::WebWidget,
            },
            conversation_id: Some(conversation.id.clone()),
            lead_id: conversation.lead_id.clone(),
            notes: String::new(),
        });
        if let Booked::Done(done) = appointments::book(state, appointment).await? {
            crate::reminders::sync(state, &done, cal).await;
            tracing::info!(appointment = %done.id, conversation_id = %conversation.id, "appointment booked in the conversation");
            return Ok(Some(*done));
        }
        // Our own earlier attempt may have written it meanwhile.
        if let Some(mine) = appointments::find(state, &conversation.tenant_id, &id).await? {
            return Ok(Some(mine));
        }
    }
    Ok(None)
}
