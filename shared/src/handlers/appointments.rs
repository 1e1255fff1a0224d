//! The team's side of appointments: a bot's booking calendar, free times, and booking, moving,
//! cancelling and closing appointments by hand.

use jiff::civil::Date;
use lambda_http::Request;
use serde::Deserialize;

use super::bots::load;
use crate::auth::{Caller, authenticate};
use crate::calendar::check::CalendarInput;
use crate::calendar::{self, Calendar, Minute, Service, UNIT_MINUTES, Whose};
use crate::domain::{Checks, PhoneE164};
use crate::error::{ApiError, ApiResult};
use crate::http::{created, id_param, json_body, json_body_limited, ok, query_param};
use crate::ids::{AppointmentId, BotId, ConversationId, LeadId, ResourceId, is_id};
use crate::state::AppState;
use crate::store::appointments::{
    self, Appointment, AppointmentFilter, AppointmentSource, AppointmentStatus, Booked, Customer, NewAppointment,
};
use crate::store::page::Listing;

/// A calendar document may be larger than an ordinary body (20 resources' weeks, 200 closures).
const CALENDAR_BODY_LIMIT: usize = 256 * 1024;
/// The most days one slot listing covers.
const MAX_SLOT_DAYS: i32 = 14;
/// The longest time range one appointment listing covers.
const MAX_LIST_DAYS: i64 = 62;

async fn calendar_of(state: &AppState, caller: &Caller, bot_id: &BotId) -> ApiResult<Calendar> {
    Ok(appointments::get_calendar(state, &caller.tenant_id, bot_id)
        .await?
        .unwrap_or_else(|| Calendar::empty(bot_id.clone())))
}

/// `GET /bots/{bot_id}/calendar`
#[tracing::instrument(skip_all)]
pub async fn get_calendar(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    ok(&calendar_of(state, &caller, &bot.id).await?)
}

/// `PUT /bots/{bot_id}/calendar`: the whole calendar, at the version the caller read.
#[tracing::instrument(skip_all)]
pub async fn put_calendar(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let input: CalendarInput = json_body_limited(&req, CALENDAR_BODY_LIMIT)?;
    let calendar = input.check(bot.id.clone())?;
    match appointments::save_calendar(state, &caller.tenant_id, calendar).await? {
        Some(saved) => ok(&saved),
        None => Err(ApiError::Conflict {
            code: "version_conflict",
            detail: "The calendar was changed since you read it. Load it again and redo your change.".into(),
        }),
    }
}

fn date_param(req: &Request, name: &str) -> ApiResult<Date> {
    let raw = query_param(req, name)
        .ok_or_else(|| ApiError::InvalidParameter { field: name.into(), message: "is required".into() })?;
    (raw.len() == 10)
        .then(|| raw.parse::<Date>().ok())
        .flatten()
        .ok_or_else(|| ApiError::InvalidParameter { field: name.into(), message: "must be a date YYYY-MM-DD".into() })
}

fn id_query(req: &Request, name: &str) -> ApiResult<Option<String>> {
    match query_param(req, name) {
        Some(v) if !is_id(&v) => Err(ApiError::InvalidParameter { field: name.into(), message: "is not an id".into() }),
        other => Ok(other),
    }
}

/// The busy time of a bot's resources on the local dates `from..=to`.
async fn busy_between(
    state: &AppState,
    cal: &Calendar,
    tenant: &crate::ids::TenantId,
    from: Date,
    to: Date,
) -> ApiResult<Vec<calendar::Busy>> {
    let tz = cal.tz();
    let start = calendar::local_minute(&tz, from, 0).unwrap_or(0);
    let end = calendar::local_minute(&tz, to, 1440).unwrap_or(start);
    Ok(appointments::busy(state, tenant, &cal.bot_id, start, end).await?)
}

/// `GET /bots/{bot_id}/slots?service_id&from&to[&resource_id]`: free times from now on.
#[tracing::instrument(skip_all)]
pub async fn slots(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let service_id = id_query(&req, "service_id")?
        .ok_or_else(|| ApiError::InvalidParameter { field: "service_id".into(), message: "is required".into() })?;
    let resource_id = id_query(&req, "resource_id")?.map(ResourceId::from);
    let (from, to) = (date_param(&req, "from")?, date_param(&req, "to")?);
    if to < from {
        return Err(ApiError::InvalidParameter { field: "to".into(), message: "must not be before from".into() });
    }
    if (to - from).get_days() >= MAX_SLOT_DAYS {
        return Err(ApiError::InvalidParameter {
            field: "to".into(),
            message: format!("must be less than {MAX_SLOT_DAYS} days after from"),
        });
    }
    let cal = calendar_of(state, &caller, &bot.id).await?;
    let service = cal.service(&service_id).ok_or(ApiError::NotFound)?;
    if resource_id.as_ref().is_some_and(|r| cal.resource(r).is_none()) {
        return Err(ApiError::NotFound);
    }
    let mut busy = busy_between(state, &cal, &caller.tenant_id, from, to).await?;
    // The appointment being moved does not stand in its own way.
    if let Some(moving) = id_query(&req, "exclude_appointment_id")?
        && let Some(a) = appointments::find(state, &caller.tenant_id, &AppointmentId::from(moving)).await?
    {
        busy.retain(|b| !(b.resource_id == a.resource_id && b.start == a.start_minute));
    }
    let free = cal.free_slots(service, (from, to), calendar::now_minute(), &busy, Whose::Team(resource_id.as_ref()));
    ok(&serde_json::json!({
        "time_zone": cal.time_zone,
        "service_id": service.id,
        "slots": free.iter().map(|s| cal.view(s)).collect::<Vec<_>>(),
    }))
}

/// Up to three free times at or after `start` within a week, for a refused booking.
async fn alternatives(
    state: &AppState,
    cal: &Calendar,
    tenant: &crate::ids::TenantId,
    service: &Service,
    start: Minute,
    only: Option<&ResourceId>,
    moving: Option<&AppointmentId>,
) -> ApiResult<Vec<calendar::SlotView>> {
    let tz = cal.tz();
    let from = calendar::local_date(&tz, start);
    let to = from.checked_add(jiff::Span::new().days(7)).unwrap_or(from);
    let mut busy = busy_between(state, cal, tenant, from, to).await?;
    if let Some(moving) = moving
        && let Some(before) = appointments::find(state, tenant, moving).await?
    {
        busy.retain(|b| !(b.resource_id == before.resource_id && b.start == before.start_minute));
    }
    let now = calendar::now_minute();
    Ok(cal
        .free_slots(service, (from, to), now, &busy, Whose::Team(only))
        .iter()
        .filter(|s| s.start >= start)
        .take(3)
        .map(|s| cal.view(s))
        .collect())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerInput {
    name: String,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    email: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppointmentCreate {
    bot_id: String,
    service_id: String,
    #[serde(default)]
    resource_id: Option<String>,
    start: String,
    customer: CustomerInput,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    lead_id: Option<String>,
    #[serde(default)]
    conversation_id: Option<String>,
    #[serde(default)]
    outside_hours: bool,
}

fn check_customer(checks: &mut Checks, input: &CustomerInput) -> Customer {
    let name = checks.name("customer.name", &input.name, 100);
    let phone =
        input.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()).and_then(|p| match PhoneE164::parse(p) {
            Ok(phone) => Some(phone),
            Err(message) => {
                checks.fail("customer.phone", "invalid_phone", message);
                None
            }
        });
    let email = input
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .and_then(|e| checks.email("customer.email", e))
        .map(|e| e.as_str().to_string());
    Customer { name, phone, email }
}

/// A start time on the 5-minute step, or the field error.
fn check_start(checks: &mut Checks, raw: &str, cal: &Calendar) -> Option<Minute> {
    match calendar::parse_start(raw, &cal.tz()) {
        Some(m) if m.rem_euclid(UNIT_MINUTES) == 0 => Some(m),
        Some(_) => {
            checks.fail("start", "off_step", "must be on a 5-minute step (09:00, 09:05, …)");
            None
        }
        None => {
            checks.fail("start", "invalid_format", "must be a local time 2026-12-01T09:00 or an RFC 3339 instant");
            None
        }
    }
}

fn unknown(checks: &mut Checks, field: &str, what: &str) {
    checks.fail(field, "unknown", format!("is not {what}"));
}

/// `POST /appointments`: book by hand (source `dashboard`).
#[tracing::instrument(skip_all)]
pub async fn create(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let body: AppointmentCreate = json_body(&req)?;
    if !is_id(&body.bot_id) {
        return Err(ApiError::validation("bot_id", "invalid_format", "is not a bot id"));
    }
    let bot = load(state, &caller, &body.bot_id).await?;
    let cal = calendar_of(state, &caller, &bot.id).await?;
    let tenant = &caller.tenant_id;

    let mut checks = Checks::new();
    let customer = check_customer(&mut checks, &body.customer);
    let notes = checks.text("notes", &body.notes, 0, 2000);
    let start = check_start(&mut checks, &body.start, &cal);
    let service = cal.service(&body.service_id);
    match service {
        None => unknown(&mut checks, "service_id", "a service of this bot's calendar"),
        Some(s) if !s.active => checks.fail("service_id", "inactive", "this service is not offered now"),
        Some(_) => {}
    }
    let mut candidates: Vec<&calendar::Resource> = match service {
        Some(s) => cal.resources_for(s).collect(),
        None => Vec::new(),
    };
    if let Some(rid) = &body.resource_id {
        candidates.retain(|r| r.id == rid.as_str());
        if service.is_some() && candidates.is_empty() {
            unknown(&mut checks, "resource_id", "an active resource that gives this service");
        }
    } else if service.is_some_and(|s| s.active) && candidates.is_empty() {
        checks.fail("service_id", "no_resource", "no active resource gives this service");
    }
    let lead_id = body.lead_id.as_deref().map(LeadId::from);
    if let Some(id) = &lead_id
        && (!is_id(id) || crate::store::leads::get_lead(state, tenant, id).await?.is_none())
    {
        unknown(&mut checks, "lead_id", "a lead of this tenant");
    }
    let conversation_id = body.conversation_id.as_deref().map(ConversationId::from);
    if let Some(id) = &conversation_id
        && (!is_id(id) || crate::store::conversations::get_conversation(state, tenant, id).await?.is_none())
    {
        unknown(&mut checks, "conversation_id", "a conversation of this tenant");
    }
    checks.finish()?;
    let (service, start) = (service.expect("checked"), start.expect("checked"));
    let end = start + i64::from(service.duration_minutes);
    if !body.outside_hours {
        candidates.retain(|r| cal.within_hours(r, start, end));
        if candidates.is_empty() {
            return Err(ApiError::validation(
                "start",
                "outside_hours",
                "is outside working hours or on a closed day (set outside_hours to book it anyway)",
            ));
        }
    }

    let busy =
        busy_between(state, &cal, tenant, calendar::local_date(&cal.tz(), start), calendar::local_date(&cal.tz(), end))
            .await?;
    let hold_until = start + cal.hold_minutes(service);
    candidates.sort_by_key(|r| calendar::overlaps_busy(&busy, &r.id, start, hold_until));
    for resource in candidates {
        let appointment = Appointment::new(NewAppointment {
            id: AppointmentId::generate(),
            tenant_id: tenant,
            calendar: &cal,
            service,
            resource,
            start,
            customer: customer.clone(),
            source: AppointmentSource::Dashboard,
            conversation_id: conversation_id.clone(),
            lead_id: lead_id.clone(),
            notes: notes.clone(),
        });
        if let Booked::Done(booked) = appointments::book(state, appointment).await? {
            tracing::info!(appointment = %booked.id, "appointment booked");
            crate::reminders::sync(state, &booked, &cal).await;
            let told = crate::reminders::confirm(state, &booked, &cal).await;
            tracing::info!(appointment = %booked.id, confirmation = ?told, "booking confirmation");
            return created(&booked);
        }
    }
    let only = body.resource_id.map(ResourceId::from);
    Err(ApiError::SlotTaken {
        alternatives: alternatives(state, &cal, tenant, service, start, only.as_ref(), None).await?,
    })
}

async fn load_appointment(state: &AppState, caller: &Caller, req: &Request) -> ApiResult<Appointment> {
    let id = AppointmentId::from(id_param(req, "appointment_id")?);
    appointments::find(state, &caller.tenant_id, &id).await?.ok_or(ApiError::NotFound)
}

/// `GET /conversations/{conversation_id}/appointments`: every appointment booked for the
/// conversation, earliest first (the conversation's side panel).
#[tracing::instrument(skip_all)]
pub async fn of_conversation(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let conversation =
        super::conversations::load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?;
    let items = appointments::of_conversation(state, &caller.tenant_id, &conversation.id).await?;
    ok(&serde_json::json!({ "items": items }))
}

/// `GET /appointments/{appointment_id}`
#[tracing::instrument(skip_all)]
pub async fn get(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    ok(&load_appointment(state, &caller, &req).await?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppointmentUpdate {
    #[serde(default)]
    status: Option<AppointmentStatus>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    resource_id: Option<String>,
    #[serde(default)]
    outside_hours: bool,
}

/// `PATCH /appointments/{appointment_id}`: move, cancel, complete, mark no-show, notes.
#[tracing::instrument(skip_all)]
pub async fn update(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let before = load_appointment(state, &caller, &req).await?;
    let body: AppointmentUpdate = json_body(&req)?;
    let tenant = &caller.tenant_id;
    let mut next = before.clone();
    let mut checks = Checks::new();
    if let Some(notes) = &body.notes {
        next.notes = checks.text("notes", notes, 0, 2000);
    }
    if let Some(status) = body.status {
        if !before.status.may_become(status) {
            return Err(ApiError::Unprocessable {
                code: "invalid_transition",
                detail: format!(
                    "A {} appointment cannot become {}.",
                    serde_json::to_value(before.status).unwrap_or_default().as_str().unwrap_or(""),
                    serde_json::to_value(status).unwrap_or_default().as_str().unwrap_or("")
                ),
            });
        }
        next.status = status;
    }
    let moving = body.start.is_some() || body.resource_id.is_some();
    let mut service_for_alternatives = None;
    let mut cal = None;
    if moving {
        if before.status != AppointmentStatus::Booked || next.status != AppointmentStatus::Booked {
            return Err(ApiError::Unprocessable {
                code: "invalid_transition",
                detail: "Only a booked appointment can be moved.".into(),
            });
        }
        let calendar = calendar_of(state, &caller, &before.bot_id).await?;
        let duration = u32::try_from(before.end_minute - before.start_minute).unwrap_or(0);
        let start = match &body.start {
            Some(raw) => check_start(&mut checks, raw, &calendar),
            None => Some(before.start_minute),
        };
        let resource_id = body.resource_id.clone().map(ResourceId::from).unwrap_or_else(|| before.resource_id.clone());
        let service = calendar.service(&before.service_id);
        let resource = calendar.resource(&resource_id).filter(|r| {
            r.active && service.is_none_or(|s| s.resource_ids.is_empty() || s.resource_ids.contains(&r.id))
        });
        if resource.is_none() {
            unknown(&mut checks, "resource_id", "an active resource that gives this service");
        }
        checks.finish()?;
        let (start, resource) = (start.expect("checked"), resource.expect("checked"));
        if !body.outside_hours && !calendar.within_hours(resource, start, start + i64::from(duration)) {
            return Err(ApiError::validation(
                "start",
                "outside_hours",
                "is outside working hours or on a closed day (set outside_hours to move it anyway)",
            ));
        }
        next.resource_id = resource.id.clone();
        next.resource_name = resource.name.clone();
        next.place(&calendar, duration, start);
        service_for_alternatives = service.cloned();
        cal = Some(calendar);
    } else {
        checks.finish()?;
    }
    next.updated_at = crate::ids::now_rfc3339();
    match appointments::update(state, &before, next).await? {
        Booked::Done(saved) => {
            let calendar = match cal {
                Some(c) => c,
                None => calendar_of(state, &caller, &saved.bot_id).await?,
            };
            crate::reminders::sync(state, &saved, &calendar).await;
            ok(&saved)
        }
        Booked::Changed => Err(ApiError::Conflict {
            code: "conflict",
            detail: "The appointment was changed meanwhile. Load it again.".into(),
        }),
        Booked::Taken => {
            let alternatives = match (&cal, &service_for_alternatives) {
                (Some(cal), Some(service)) => {
                    let start = calendar::parse_start(body.start.as_deref().unwrap_or(""), &cal.tz())
                        .unwrap_or(before.start_minute);
                    let only = body.resource_id.map(ResourceId::from);
                    alternatives(state, cal, tenant, service, start, only.as_ref(), Some(&before.id)).await?
                }
                _ => Vec::new(),
            };
            Err(ApiError::SlotTaken { alternatives })
        }
    }
}

fn instant_param(req: &Request, name: &str) -> ApiResult<Option<Minute>> {
    query_param(req, name)
        .map(|raw| {
            raw.parse::<jiff::Timestamp>().map(|t| t.as_second().div_euclid(60)).map_err(|_| {
                ApiError::InvalidParameter {
                    field: name.into(),
                    message: "must be an RFC 3339 instant such as 2026-12-01T00:00:00+03:00".into(),
                }
            })
        })
        .transpose()
}

/// `GET /appointments?from&to&bot_id&resource_id&status`: earliest first, paged.
#[tracing::instrument(skip_all)]
pub async fn list(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let from = instant_param(&req, "from")?.unwrap_or_else(calendar::now_minute);
    let to = instant_param(&req, "to")?.unwrap_or(from + 7 * 1440);
    if to <= from {
        return Err(ApiError::InvalidParameter { field: "to".into(), message: "must be after from".into() });
    }
    if to - from > MAX_LIST_DAYS * 1440 {
        return Err(ApiError::InvalidParameter {
            field: "to".into(),
            message: format!("must be at most {MAX_LIST_DAYS} days after from"),
        });
    }
    let status = match query_param(&req, "status") {
        None => None,
        Some(raw) => {
            Some(serde_json::from_value::<AppointmentStatus>(serde_json::Value::String(raw)).map_err(|_| {
                ApiError::InvalidParameter {
                    field: "status".into(),
                    message: "must be booked, cancelled, completed or no_show".into(),
                }
            })?)
        }
    };
    let bot_id = match id_query(&req, "bot_id")? {
        Some(id) => Some(load(state, &caller, &id).await?.id),
        None => None,
    };
    let filter = AppointmentFilter {
        from,
        to,
        bot_id,
        resource_id: id_query(&req, "resource_id")?.map(ResourceId::from),
        status,
    };
    let listing = Listing::filtered(&req, format!("{}:appointments", caller.tenant_id))?;
    ok(&appointments::page(state, &caller.tenant_id, &filter, listing).await?)
}
