//! Calendars and appointments. A booking holds its resource's time as one item per 5-minute
//! unit, each written only if absent, in the same transaction as the appointment: two
//! bookings that overlap share a unit, so at most one of them can be written.

use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem};
use serde::{Deserialize, Serialize};

use super::page::{Listing, Page, decode_all, query_all, query_page};
use super::{Transacted, delete_if, n, put_if, put_new, s, to_item, transact, with_gsi1};
use crate::calendar::{self, Busy, Calendar, Minute};
use crate::error::ApiResult;
use crate::ids::{AppointmentId, BotId, ConversationId, LeadId, ResourceId, ServiceId, TenantId};
use crate::keys;
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    Booked,
    Cancelled,
    Completed,
    NoShow,
}

impl AppointmentStatus {
    /// Whether an appointment may go from `self` to `next`: a booked one to any other state,
    /// completed and no-show into each other (a correction); a cancelled one stays cancelled.
    pub fn may_become(self, next: Self) -> bool {
        use AppointmentStatus::*;
        self == next
            || matches!(
                (self, next),
                (Booked, Cancelled | Completed | NoShow) | (Completed, NoShow) | (NoShow, Completed)
            )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentSource {
    Whatsapp,
    WebWidget,
    Dashboard,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub name: String,
    pub phone: Option<crate::domain::PhoneE164>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Appointment {
    pub id: AppointmentId,
    pub tenant_id: TenantId,
    pub bot_id: BotId,
    pub service_id: ServiceId,
    pub service_name: String,
    pub resource_id: ResourceId,
    pub resource_name: String,
    /// Local times with the business's offset, as shown.
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub status: AppointmentStatus,
    pub source: AppointmentSource,
    pub customer: Customer,
    pub lead_id: Option<LeadId>,
    pub conversation_id: Option<ConversationId>,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
    /// Epoch minutes: start, end, and the end of the time held (the buffer after the end).
    pub start_minute: Minute,
    pub end_minute: Minute,
    pub held_until_minute: Minute,
    /// Raised by every change; a change names the revision it read.
    pub revision: u64,
    /// The start minute a reminder was sent for (a moved appointment is reminded again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminded_for: Option<Minute>,
}

/// What a new appointment is made of.
pub struct NewAppointment<'a> {
    pub id: AppointmentId,
    pub tenant_id: &'a TenantId,
    pub calendar: &'a Calendar,
    pub service: &'a calendar::Service,
    pub resource: &'a calendar::Resource,
    pub start: Minute,
    pub customer: Customer,
    pub source: AppointmentSource,
    pub conversation_id: Option<ConversationId>,
    pub lead_id: Option<LeadId>,
    pub notes: String,
}

impl Appointment {
    /// A booked appointment, placed at its start with the calendar's buffer.
    pub fn new(n: NewAppointment) -> Self {
        let now = crate::ids::now_rfc3339();
        let mut a = Appointment {
            id: n.id,
            tenant_id: n.tenant_id.clone(),
            bot_id: n.calendar.bot_id.clone(),
            service_id: n.service.id.clone(),
            service_name: n.service.name.clone(),
            resource_id: n.resource.id.clone(),
            resource_name: n.resource.name.clone(),
            start: String::new(),
            end: String::new(),
            time_zone: String::new(),
            status: AppointmentStatus::Booked,
            source: n.source,
            customer: n.customer,
            lead_id: n.lead_id,
            conversation_id: n.conversation_id,
            notes: n.notes,
            created_at: now.clone(),
            updated_at: now,
            start_minute: 0,
            end_minute: 0,
            held_until_minute: 0,
            revision: 0,
            reminded_for: None,
        };
        a.place(n.calendar, n.service.duration_minutes, n.start);
        a
    }

    /// Whether it still holds its resource's time.
    pub fn holds_time(&self) -> bool {
        self.status != AppointmentStatus::Cancelled
    }

    /// Sets start, end and the held time from a start minute, for a calendar and service.
    pub fn place(&mut self, cal: &Calendar, duration_minutes: u32, start: Minute) {
        let tz = cal.tz();
        self.start_minute = start;
        self.end_minute = start + i64::from(duration_minutes);
        self.held_until_minute = self.end_minute + i64::from(cal.buffer_minutes);
        self.start = calendar::local_rfc3339(&tz, start);
        self.end = calendar::local_rfc3339(&tz, self.end_minute);
        self.time_zone = cal.time_zone.clone();
    }

    fn busy(&self) -> Busy {
        Busy { resource_id: self.resource_id.clone(), start: self.start_minute, until: self.held_until_minute }
    }
}

/// What a booking or a move did.
#[derive(Debug)]
pub enum Booked {
    Done(Box<Appointment>),
    /// Another booking holds part of the time.
    Taken,
    /// The appointment was changed by someone else since it was read.
    Changed,
}

pub async fn get_calendar(state: &AppState, tenant_id: &TenantId, bot_id: &BotId) -> anyhow::Result<Option<Calendar>> {
    super::get(state, &keys::calendar(tenant_id, bot_id)).await
}

/// Saves `cal` if the stored calendar is still at `cal.version` (none stored: version 0), and
/// returns it with its version raised; `None` when someone saved in between.
pub async fn save_calendar(
    state: &AppState,
    tenant_id: &TenantId,
    mut cal: Calendar,
) -> anyhow::Result<Option<Calendar>> {
    let read = cal.version;
    cal.version = read + 1;
    let item = to_item(&cal, keys::calendar(tenant_id, &cal.bot_id), "calendar")?;
    let write = if read == 0 {
        put_new(state.table(), item)
    } else {
        put_if(state.table(), item, "version = :read", &[(":read", n(read))])
    };
    Ok(match transact(state, vec![write], "saving a calendar").await? {
        Transacted::Done => Some(cal),
        Transacted::Refused(_) => None,
    })
}

pub async fn find(state: &AppState, tenant_id: &TenantId, id: &AppointmentId) -> anyhow::Result<Option<Appointment>> {
    super::get(state, &keys::appointment(tenant_id, id)).await
}

fn appointment_item(a: &Appointment) -> anyhow::Result<super::Item> {
    Ok(with_gsi1(
        to_item(a, keys::appointment(&a.tenant_id, &a.id), "appointment")?,
        keys::appointment_gsi1(&a.tenant_id, a.start_minute, &a.id),
    ))
}

/// Holds kept a month past the appointment, then left to TTL.
fn hold_expiry(a: &Appointment) -> i64 {
    a.held_until_minute * 60 + 31 * 86_400
}

fn take_unit(table: &str, a: &Appointment, unit: i64) -> TransactWriteItem {
    let key = keys::hold(&a.tenant_id, &a.bot_id, &a.resource_id, unit);
    let item = std::collections::HashMap::from([
        (keys::PK.to_string(), s(key.0)),
        (keys::SK.to_string(), s(key.1)),
        (keys::TYPE.to_string(), s("hold")),
        ("appointment_id".to_string(), s(a.id.as_str())),
        (keys::EXPIRES_AT.to_string(), n(hold_expiry(a))),
    ]);
    put_new(table, item)
}

fn free_unit(table: &str, a: &Appointment, unit: i64) -> TransactWriteItem {
    delete_if(
        table,
        &keys::hold(&a.tenant_id, &a.bot_id, &a.resource_id, unit),
        Some("attribute_not_exists(PK) OR appointment_id = :id"),
        &[(":id", s(a.id.as_str()))],
    )
}

fn units_of(a: &Appointment) -> Vec<(ResourceId, i64)> {
    calendar::units(a.start_minute, a.held_until_minute).map(|u| (a.resource_id.clone(), u)).collect()
}

#[derive(Serialize, Deserialize)]
struct ConversationPointer {
    appointment_id: AppointmentId,
}

/// Writes a new appointment and the time it holds, all or nothing (with its pointer in the
/// conversation it was booked for).
pub async fn book(state: &AppState, appointment: Appointment) -> anyhow::Result<Booked> {
    let table = state.table();
    let mut writes = vec![put_new(table, appointment_item(&appointment)?)];
    if appointment.source != AppointmentSource::Dashboard {
        let day = super::counters::day_of(&appointment.created_at);
        writes.extend(super::counters::bump(
            table,
            &appointment.tenant_id,
            Some(day),
            &[(super::counters::Counter::AssistantAppointments, 1)],
        ));
        let channel = if appointment.source == AppointmentSource::Whatsapp { "whatsapp" } else { "web_widget" };
        let booked = super::metrics::Delta::count(super::metrics::Metric::Appointments);
        writes.push(super::metrics::add(table, &appointment.tenant_id, day, &appointment.bot_id, channel, &booked));
    }
    if let Some(conversation_id) = &appointment.conversation_id {
        let key = keys::conversation_appointment(&appointment.tenant_id, conversation_id, &appointment.id);
        let pointer = ConversationPointer { appointment_id: appointment.id.clone() };
        writes.push(super::put(table, to_item(&pointer, key, "appointment_pointer")?));
    }
    writes.extend(units_of(&appointment).into_iter().map(|(_, u)| take_unit(table, &appointment, u)));
    Ok(match transact(state, writes, "booking an appointment").await? {
        Transacted::Done => Booked::Done(Box::new(appointment)),
        Transacted::Refused(_) => Booked::Taken,
    })
}

/// Saves `next` over `before` (read at `before.revision`): frees the units only the old
/// placement held and takes the ones only the new one needs, in one transaction. A unit held
/// by someone else, or a change saved in between, leaves everything as it was.
pub async fn update(state: &AppState, before: &Appointment, mut next: Appointment) -> anyhow::Result<Booked> {
    let table = state.table();
    next.revision = before.revision + 1;
    let old: Vec<(ResourceId, i64)> = if before.holds_time() { units_of(before) } else { Vec::new() };
    let new: Vec<(ResourceId, i64)> = if next.holds_time() { units_of(&next) } else { Vec::new() };
    let mut writes = vec![put_if(table, appointment_item(&next)?, "revision = :rev", &[(":rev", n(before.revision))])];
    writes.extend(old.iter().filter(|u| !new.contains(u)).map(|(_, u)| free_unit(table, before, *u)));
    writes.extend(new.iter().filter(|u| !old.contains(u)).map(|(_, u)| take_unit(table, &next, *u)));
    Ok(match transact(state, writes, "changing an appointment").await? {
        Transacted::Done => Booked::Done(Box::new(next)),
        refused if refused.refused_at(0) => Booked::Changed,
        Transacted::Refused(_) => Booked::Taken,
    })
}

/// The appointments booked for a conversation, earliest first.
pub async fn of_conversation(
    state: &AppState,
    tenant_id: &TenantId,
    conversation_id: &ConversationId,
) -> anyhow::Result<Vec<Appointment>> {
    let pointers = query_all(|| {
        super::partition_prefix(state, keys::conversation_pk(tenant_id, conversation_id), keys::APPOINTMENT_PREFIX)
    })
    .await?;
    let mut found = Vec::new();
    for pointer in decode_all::<ConversationPointer>(pointers)? {
        if let Some(a) = find(state, tenant_id, &pointer.appointment_id).await? {
            found.push(a);
        }
    }
    found.sort_by_key(|a| a.start_minute);
    Ok(found)
}

/// Claims sending the reminder of `a` at its current start: `false` when it was sent already,
/// or the appointment was moved or is no longer booked since it was read.
pub async fn claim_reminder(state: &AppState, a: &Appointment) -> anyhow::Result<bool> {
    let update = aws_sdk_dynamodb::types::Update::builder()
        .table_name(state.table())
        .set_key(Some(super::key_map(&keys::appointment(&a.tenant_id, &a.id))))
        .update_expression("SET reminded_for = :start")
        .condition_expression(
            "#status = :booked AND start_minute = :start AND (attribute_not_exists(reminded_for) OR reminded_for <> :start)",
        )
        .expression_attribute_names("#status", "status")
        .expression_attribute_values(":booked", s("booked"))
        .expression_attribute_values(":start", n(a.start_minute))
        .build()?;
    let write = TransactWriteItem::builder().update(update).build();
    Ok(transact(state, vec![write], "claiming a reminder").await? == Transacted::Done)
}

/// Gives a claimed reminder back (its sending failed before anything went out).
pub async fn release_reminder(state: &AppState, a: &Appointment) -> anyhow::Result<()> {
    let update = aws_sdk_dynamodb::types::Update::builder()
        .table_name(state.table())
        .set_key(Some(super::key_map(&keys::appointment(&a.tenant_id, &a.id))))
        .update_expression("REMOVE reminded_for")
        .condition_expression("reminded_for = :start")
        .expression_attribute_values(":start", n(a.start_minute))
        .build()?;
    transact(state, vec![TransactWriteItem::builder().update(update).build()], "releasing a reminder").await?;
    Ok(())
}

/// Filters of the appointment list.
#[derive(Debug, Clone, Default)]
pub struct AppointmentFilter {
    pub from: Minute,
    pub to: Minute,
    pub bot_id: Option<BotId>,
    pub resource_id: Option<ResourceId>,
    pub status: Option<AppointmentStatus>,
}

fn status_name(status: AppointmentStatus) -> String {
    serde_json::to_value(status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// A page of the tenant's appointments starting in `[from, to)`, earliest first.
pub async fn page(
    state: &AppState,
    tenant_id: &TenantId,
    filter: &AppointmentFilter,
    listing: Listing,
) -> ApiResult<Page<Appointment>> {
    let mut conditions = Vec::new();
    let mut values: Vec<(&str, AttributeValue)> = Vec::new();
    if let Some(bot) = &filter.bot_id {
        conditions.push("bot_id = :bot");
        values.push((":bot", s(bot.as_str())));
    }
    if let Some(resource) = &filter.resource_id {
        conditions.push("resource_id = :resource");
        values.push((":resource", s(resource.as_str())));
    }
    if let Some(status) = filter.status {
        conditions.push("#status = :status");
        values.push((":status", s(status_name(status))));
    }
    let filter_expression = (!conditions.is_empty()).then(|| conditions.join(" AND "));
    query_page(state, listing, true, || {
        let mut q = in_range(state, tenant_id, filter.from, filter.to).set_filter_expression(filter_expression.clone());
        if filter.status.is_some() {
            q = q.expression_attribute_names("#status", "status");
        }
        for (name, value) in &values {
            q = q.expression_attribute_values(*name, value.clone());
        }
        q
    })
    .await
}

fn in_range(
    state: &AppState,
    tenant_id: &TenantId,
    from: Minute,
    to: Minute,
) -> aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder {
    super::gsi1_between(
        state,
        keys::appointments_pk(tenant_id),
        keys::appointment_time(from),
        format!("{}#~", keys::appointment_time(to - 1)),
    )
}

/// The tenant's appointments starting in `[from, to)`, earliest first, at most `max` (the
/// calendar feed).
pub async fn all_between(
    state: &AppState,
    tenant_id: &TenantId,
    from: Minute,
    to: Minute,
    max: usize,
) -> anyhow::Result<Vec<Appointment>> {
    let mut found = Vec::new();
    let mut start = None;
    loop {
        let out = in_range(state, tenant_id, from, to)
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(|e| anyhow::Error::new(e).context("reading appointments in a range"))?;
        found.extend(decode_all::<Appointment>(out.items.unwrap_or_default())?);
        start = out.last_evaluated_key;
        if start.is_none() || found.len() >= max {
            found.truncate(max);
            return Ok(found);
        }
    }
}

/// The time a bot's resources are held by appointments starting in `[from, to)` (cancelled
/// ones excluded), for computing free slots. Holds are the guard; this is the view.
pub async fn busy(
    state: &AppState,
    tenant_id: &TenantId,
    bot_id: &BotId,
    from: Minute,
    to: Minute,
) -> anyhow::Result<Vec<Busy>> {
    let earliest = from - i64::from(calendar::MAX_HOLD_MINUTES);
    let items = query_all(|| {
        in_range(state, tenant_id, earliest, to)
            .filter_expression("bot_id = :bot AND #status <> :cancelled")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":bot", s(bot_id.as_str()))
            .expression_attribute_values(":cancelled", s("cancelled"))
    })
    .await?;
    Ok(decode_all::<Appointment>(items)?.iter().map(Appointment::busy).collect())
}

/// Deletes every appointment of a bot (the bot's deletion; its holds go with its partition).
pub async fn delete_all_of_bot(state: &AppState, tenant_id: &TenantId, bot_id: &BotId) -> anyhow::Result<()> {
    let items = query_all(|| {
        super::partition(state, keys::appointments_pk(tenant_id))
            .filter_expression("bot_id = :bot")
            .expression_attribute_values(":bot", s(bot_id.as_str()))
    })
    .await?;
    super::batch::delete_items(state, &items).await
}

/// The appointments of a customer, by phone (E.164) or e-mail, across the tenant's bots (a
/// data subject's request: one query of the tenant's appointments with a filter).
pub async fn of_customer(
    state: &AppState,
    tenant_id: &TenantId,
    phone: Option<&str>,
    email: Option<&str>,
) -> anyhow::Result<Vec<Appointment>> {
    if phone.is_none() && email.is_none() {
        return Ok(vec![]);
    }
    let items = query_all(|| {
        let mut q = super::partition(state, keys::appointments_pk(tenant_id));
        let mut filters = Vec::new();
        if let Some(p) = phone {
            filters.push("customer.phone = :phone");
            q = q.expression_attribute_values(":phone", s(p));
        }
        if let Some(e) = email {
            filters.push("customer.email = :email");
            q = q.expression_attribute_values(":email", s(e));
        }
        q.filter_expression(filters.join(" OR "))
    })
    .await?;
    decode_all(items)
}

/// Erases an appointment: the item, the time it holds and its pointer in its conversation, in
/// one transaction (its reminder schedule is the caller's: `reminders::sync` after cancelling).
pub async fn erase(state: &AppState, a: &Appointment) -> anyhow::Result<bool> {
    let table = state.table();
    let mut writes = vec![delete_if(
        table,
        &keys::appointment(&a.tenant_id, &a.id),
        Some("revision = :rev"),
        &[(":rev", n(a.revision))],
    )];
    if a.holds_time() {
        writes.extend(units_of(a).into_iter().map(|(_, u)| free_unit(table, a, u)));
    }
    if let Some(conversation_id) = &a.conversation_id {
        writes.push(super::delete(table, &keys::conversation_appointment(&a.tenant_id, conversation_id, &a.id)));
    }
    Ok(transact(state, writes, "erasing an appointment").await? == Transacted::Done)
}
