//! AI mode: the model books through tools (`find_slots`, `book_appointment`,
//! `reschedule_appointment`, `cancel_appointment`), each argument checked like `save_lead`'s and
//! each run against the calendar and the store as the guided flow does. Results go back to the
//! model as JSON; a refusal says why, so the model can ask again.

use serde_json::{Value, json};

use super::{book, cancel, move_to};
use crate::ai::ToolCall;
use crate::ai::text::fold;
use crate::calendar::flow::Booking;
use crate::calendar::{self, Calendar, FreeSlot, Minute, Service, Whose};
use crate::ids::MessageId;
use crate::state::AppState;
use crate::store::appointments::{self, Appointment, AppointmentStatus};
use crate::store::bots::Bot;
use crate::store::conversations::{Conversation, Source};

/// Times a `find_slots` result lists at most.
const SLOTS_SHOWN: usize = 8;

/// What the model's booking tools work with during one turn.
pub struct ModelBooking<'s> {
    state: &'s AppState,
    bot: &'s Bot,
    conversation: &'s Conversation,
    cal: Calendar,
    message_id: MessageId,
    /// The customer's upcoming booked appointments from this conversation.
    upcoming: Vec<Appointment>,
}

fn refuse(reason: &str) -> String {
    json!({ "error": reason }).to_string()
}

fn local(cal: &Calendar, minute: Minute) -> String {
    calendar::local_rfc3339(&cal.tz(), minute)[..16].to_string()
}

impl<'s> ModelBooking<'s> {
    /// The turn's booking tools, when the bot has a calendar with something to book.
    pub async fn load(
        state: &'s AppState,
        bot: &'s Bot,
        conversation: &'s Conversation,
        message_id: &MessageId,
    ) -> anyhow::Result<Option<Self>> {
        let Some(cal) = appointments::get_calendar(state, &conversation.tenant_id, &bot.id).await? else {
            return Ok(None);
        };
        if !cal.services.iter().any(|s| s.active) {
            return Ok(None);
        }
        let now = calendar::now_minute();
        let upcoming = appointments::of_conversation(state, &conversation.tenant_id, &conversation.id)
            .await?
            .into_iter()
            .filter(|a| a.status == AppointmentStatus::Booked && a.start_minute >= now)
            .collect();
        Ok(Some(Self { state, bot, conversation, cal, message_id: message_id.clone(), upcoming }))
    }

    /// The calendar's facts and the booking rules, for the prompt.
    pub fn context(&self) -> String {
        let cal = &self.cal;
        let now = calendar::now_minute();
        let today = calendar::local_date(&cal.tz(), now);
        let services: Vec<String> = cal
            .services
            .iter()
            .filter(|s| s.active)
            .map(|s| match &s.price_text {
                Some(p) => format!("{} ({} min, {p})", s.name, s.duration_minutes),
                None => format!("{} ({} min)", s.name, s.duration_minutes),
            })
            .collect();
        let mine: Vec<String> = self
            .upcoming
            .iter()
            .map(|a| format!("[{}] {}, {} with {}", a.id, a.service_name, local(cal, a.start_minute), a.resource_name))
            .collect();
        let phone = match self.conversation.source {
            Source::Whatsapp => "You have the customer's WhatsApp number; do not ask for a phone number.",
            Source::WebWidget => "Ask for the customer's phone number before booking and pass it as `phone`.",
        };
        format!(
            "Appointments: you can book them. Today is {today} ({weekday:?}), time zone {tz}. Services: {services}.\n\
             1. Call `find_slots` before proposing any time, and propose at most 3 of the times it returns. Never invent times.\n\
             2. Call `book_appointment` only after the customer has explicitly confirmed the service, the day and the time, \
             and has given their full name. {phone}\n\
             3. To move or cancel, use the customer's upcoming appointments below, and only after they confirmed.\n\
             The customer's upcoming appointments: {mine}",
            weekday = today.weekday(),
            tz = cal.time_zone,
            services = services.join("; "),
            mine = if mine.is_empty() { "none".to_string() } else { mine.join("; ") },
        )
    }

    /// Runs one booking tool call; its result for the model.
    pub async fn run(&self, call: ToolCall) -> String {
        let args: Value = match serde_json::from_str(&call.arguments) {
            Ok(v @ Value::Object(_)) => v,
            _ => return refuse("the arguments must be a JSON object"),
        };
        let text = |name: &str| args.get(name).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
        let outcome = match call.name.as_str() {
            "find_slots" => self.find_slots(text("service"), text("date_from"), text("date_to")).await,
            "book_appointment" => self.book(text("service"), text("start"), text("name"), text("phone")).await,
            "reschedule_appointment" => self.reschedule(text("appointment_id"), text("start")).await,
            "cancel_appointment" => self.cancel(text("appointment_id")).await,
            _ => Ok(refuse("unknown tool")),
        };
        outcome.unwrap_or_else(|e| {
            tracing::error!(error = %format!("{e:#}"), tool = %call.name, "a booking tool failed");
            refuse("the booking system is briefly unavailable; offer to connect the customer with a person")
        })
    }

    fn service(&self, name: Option<&str>) -> Result<&Service, String> {
        let wanted = fold(name.ok_or_else(|| refuse("`service` is required"))?);
        let active = || self.cal.services.iter().filter(|s| s.active);
        active()
            .find(|s| fold(&s.name) == wanted)
            .or_else(|| active().find(|s| fold(&s.name).contains(&wanted) || wanted.contains(&fold(&s.name))))
            .ok_or_else(|| {
                let names: Vec<&str> = active().map(|s| s.name.as_str()).collect();
                json!({ "error": "unknown service", "services": names }).to_string()
            })
    }

    fn date(raw: Option<&str>, field: &str) -> Result<jiff::civil::Date, String> {
        raw.and_then(|d| d.parse().ok()).ok_or_else(|| refuse(&format!("`{field}` must be a date YYYY-MM-DD")))
    }

    async fn busy(&self, from: jiff::civil::Date, to: jiff::civil::Date) -> anyhow::Result<Vec<calendar::Busy>> {
        let tz = self.cal.tz();
        let start = calendar::local_minute(&tz, from, 0).unwrap_or(0);
        let end = calendar::local_minute(&tz, to, 1440).unwrap_or(start);
        appointments::busy(self.state, &self.conversation.tenant_id, &self.bot.id, start, end).await
    }

    /// Free times on `from..=to` for a customer, one per start.
    async fn free(
        &self,
        service: &Service,
        from: jiff::civil::Date,
        to: jiff::civil::Date,
    ) -> anyhow::Result<Vec<FreeSlot>> {
        let busy = self.busy(from, to).await?;
        let mut slots = self.cal.free_slots(service, (from, to), calendar::now_minute(), &busy, Whose::Customer(None));
        slots.dedup_by_key(|s| s.start);
        Ok(slots)
    }

    fn shown(&self, slots: &[FreeSlot]) -> Vec<Value> {
        slots
            .iter()
            .take(SLOTS_SHOWN)
            .map(|s| json!({ "start": local(&self.cal, s.start), "with": s.resource_name }))
            .collect()
    }

    async fn find_slots(&self, service: Option<&str>, from: Option<&str>, to: Option<&str>) -> anyhow::Result<String> {
        let service = match self.service(service) {
            Ok(s) => s,
            Err(refusal) => return Ok(refusal),
        };
        let from = match Self::date(from, "date_from") {
            Ok(d) => d,
            Err(refusal) => return Ok(refusal),
        };
        let to = match to {
            None => from,
            Some(_) => match Self::date(to, "date_to") {
                Ok(d) if d >= from && (d - from).get_days() < 14 => d,
                Ok(_) => return Ok(refuse("`date_to` must be on or after `date_from` and less than 14 days later")),
                Err(refusal) => return Ok(refusal),
            },
        };
        let slots = self.free(service, from, to).await?;
        Ok(json!({ "service": service.name, "time_zone": self.cal.time_zone, "slots": self.shown(&slots) }).to_string())
    }

    /// The start as a free customer time for `service`, or why not (with nearby free times).
    async fn free_start(&self, service: &Service, start: Option<&str>) -> anyhow::Result<Result<FreeSlot, String>> {
        let Some(minute) = start.and_then(|s| calendar::parse_start(s, &self.cal.tz())) else {
            return Ok(Err(refuse("`start` must be a local time YYYY-MM-DDTHH:MM")));
        };
        let day = calendar::local_date(&self.cal.tz(), minute);
        let slots = self.free(service, day, day).await?;
        Ok(match slots.iter().find(|s| s.start == minute) {
            Some(slot) => Ok(slot.clone()),
            None => Err(json!({ "error": "that time is not free", "free_that_day": self.shown(&slots) }).to_string()),
        })
    }

    async fn book(
        &self,
        service: Option<&str>,
        start: Option<&str>,
        name: Option<&str>,
        phone: Option<&str>,
    ) -> anyhow::Result<String> {
        let service = match self.service(service) {
            Ok(s) => s,
            Err(refusal) => return Ok(refusal),
        };
        let Some(name) = name.filter(|n| (2..=100).contains(&n.chars().count())) else {
            return Ok(refuse("`name` (the customer's full name) is required"));
        };
        let phone = match (self.conversation.source, phone) {
            (Source::WebWidget, Some(p)) => match crate::domain::PhoneE164::parse(p) {
                Ok(p) => Some(p.to_string()),
                Err(_) => return Ok(refuse("`phone` is not a phone number")),
            },
            (Source::WebWidget, None) => return Ok(refuse("`phone` is required in the web chat")),
            (Source::Whatsapp, _) => None,
        };
        let slot = match self.free_start(service, start).await? {
            Ok(slot) => slot,
            Err(refusal) => return Ok(refusal),
        };
        let booking = Booking {
            service_id: service.id.clone(),
            start: slot.start,
            resource_id: slot.resource_id.clone(),
            name: name.to_string(),
            phone,
        };
        let busy = self
            .busy(calendar::local_date(&self.cal.tz(), slot.start), calendar::local_date(&self.cal.tz(), slot.start))
            .await?;
        Ok(match book(self.state, &self.cal, self.conversation, &booking, &self.message_id, &busy).await? {
            Some(a) => json!({ "booked": { "appointment_id": a.id, "service": a.service_name,
                                           "start": local(&self.cal, a.start_minute), "with": a.resource_name } })
            .to_string(),
            None => refuse("that time was just taken; call find_slots again"),
        })
    }

    fn mine(&self, id: Option<&str>) -> Result<&Appointment, String> {
        let id = id.ok_or_else(|| refuse("`appointment_id` is required"))?;
        self.upcoming
            .iter()
            .find(|a| a.id == id)
            .ok_or_else(|| refuse("not one of this customer's upcoming appointments"))
    }

    async fn reschedule(&self, id: Option<&str>, start: Option<&str>) -> anyhow::Result<String> {
        let before = match self.mine(id) {
            Ok(a) => a,
            Err(refusal) => return Ok(refusal),
        };
        let Some(service) = self.cal.service(&before.service_id).filter(|s| s.active) else {
            return Ok(refuse("this service can no longer be booked; offer to connect the customer with a person"));
        };
        let Some(minute) = start.and_then(|s| calendar::parse_start(s, &self.cal.tz())) else {
            return Ok(refuse("`start` must be a local time YYYY-MM-DDTHH:MM"));
        };
        let day = calendar::local_date(&self.cal.tz(), minute);
        let mut busy = self.busy(day, day).await?;
        busy.retain(|b| !(b.resource_id == before.resource_id && b.start == before.start_minute));
        let slots = self.cal.free_slots(service, (day, day), calendar::now_minute(), &busy, Whose::Customer(None));
        let Some(slot) = slots.iter().find(|s| s.start == minute) else {
            return Ok(json!({ "error": "that time is not free", "free_that_day": self.shown(&slots) }).to_string());
        };
        let booking = Booking {
            service_id: service.id.clone(),
            start: slot.start,
            resource_id: slot.resource_id.clone(),
            name: before.customer.name.clone(),
            phone: None,
        };
        Ok(match move_to(self.state, &self.cal, before, &booking, &busy, self.bot.language).await? {
            Some(a) => json!({ "moved": { "appointment_id": a.id, "start": local(&self.cal, a.start_minute), "with": a.resource_name } })
                .to_string(),
            None => refuse("that time was just taken; call find_slots again"),
        })
    }

    async fn cancel(&self, id: Option<&str>) -> anyhow::Result<String> {
        let before = match self.mine(id) {
            Ok(a) => a,
            Err(refusal) => return Ok(refusal),
        };
        cancel(self.state, &self.cal, before, self.bot.language).await?;
        Ok(json!({ "cancelled": { "appointment_id": before.id } }).to_string())
    }
}
