//! The appointments as an iCalendar feed behind a secret URL, so a business sees them in
//! Google Calendar, Apple Calendar or Outlook without logging in. The token is shown once,
//! stored only as a hash, replaced or revoked by the team.

use icalendar::{Component, EventLike, EventStatus};
use lambda_http::{Body, Request, Response};

use crate::auth::authenticate;
use crate::error::{ApiError, ApiResult};
use crate::http::{created, no_content, ok, path_param, source_ip};
use crate::state::AppState;
use crate::store::appointments::{self, Appointment, AppointmentSource, AppointmentStatus};
use crate::store::feeds;
use crate::store::ratelimit::{self, Window};

/// Feed reads per address per hour: calendar apps poll every few minutes to hours.
const READS_PER_IP: Window = Window { scope: "calendar-feed", limit: 120, seconds: 3600 };
/// The feed covers a month back and half a year ahead, at most this many appointments.
const DAYS_BACK: i64 = 31;
const DAYS_AHEAD: i64 = 183;
const MAX_EVENTS: usize = 5_000;

fn feed_url(state: &AppState, token: &str) -> String {
    format!("{}/public/calendar/{token}.ics", state.config.backend_url.trim_end_matches('/'))
}

/// `GET /calendar-feed`: whether the tenant has a live feed (its URL is shown only when made).
#[tracing::instrument(skip_all)]
pub async fn status(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let feed = feeds::current(state, &caller.tenant_id).await?;
    ok(&serde_json::json!({ "active": feed.is_some(), "created_at": feed.map(|f| f.created_at) }))
}

/// `POST /calendar-feed`: a new secret URL; the previous one stops working at once.
#[tracing::instrument(skip_all)]
pub async fn create(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let before = feeds::current(state, &caller.tenant_id).await?;
    let token = crate::ids::random_token(32);
    if !feeds::replace(state, before.as_ref(), &caller.tenant_id, &token).await? {
        return Err(ApiError::Conflict {
            code: "conflict",
            detail: "The calendar link was changed at the same moment. Try again.".into(),
        });
    }
    tracing::info!(tenant_id = %caller.tenant_id, replaced = before.is_some(), "calendar feed created");
    created(&serde_json::json!({ "url": feed_url(state, &token), "created_at": crate::ids::now_rfc3339() }))
}

/// `DELETE /calendar-feed`
#[tracing::instrument(skip_all)]
pub async fn revoke(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    if let Some(feed) = feeds::current(state, &caller.tenant_id).await? {
        feeds::revoke(state, &feed).await?;
    }
    no_content()
}

fn utc(minute: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(minute * 60, 0).unwrap_or_default()
}

fn event(a: &Appointment) -> icalendar::Event {
    let source = match a.source {
        AppointmentSource::Whatsapp => "WhatsApp",
        AppointmentSource::WebWidget => "Web",
        AppointmentSource::Dashboard => "Panel",
    };
    let mut lines = vec![format!("{} · {}", a.service_name, a.resource_name)];
    if let Some(phone) = &a.customer.phone {
        lines.push(format!("Tel: {phone}"));
    }
    if let Some(email) = &a.customer.email {
        lines.push(format!("E-posta: {email}"));
    }
    if !a.notes.is_empty() {
        lines.push(a.notes.clone());
    }
    lines.push(format!("Kaynak: {source}"));
    let status = match a.status {
        AppointmentStatus::Cancelled => EventStatus::Cancelled,
        _ => EventStatus::Confirmed,
    };
    let mut event = icalendar::Event::new();
    event
        .uid(&format!("{}@svontai", a.id))
        .summary(&format!("{} – {}", a.service_name, a.customer.name))
        .description(&lines.join("\n"))
        .location(&a.resource_name)
        .starts(utc(a.start_minute))
        .ends(utc(a.end_minute))
        .status(status)
        .sequence(u32::try_from(a.revision).unwrap_or(u32::MAX))
        .timestamp(chrono::Utc::now());
    event.done()
}

/// `GET /public/calendar/{feed}`: the feed (`{token}.ics`), or 404 for any token not live.
#[tracing::instrument(skip_all)]
pub async fn feed(state: &AppState, req: Request) -> ApiResult {
    let raw = path_param(&req, "feed")?;
    let token = raw.strip_suffix(".ics").unwrap_or(&raw);
    if let Some(retry_after_secs) = ratelimit::hit(state, READS_PER_IP, &source_ip(&req)).await? {
        return Err(ApiError::RateLimited {
            code: "rate_limited",
            retry_after_secs,
            detail: "Too many calendar reads from this address.".into(),
        });
    }
    if token.len() < 32
        || token.len() > 64
        || !token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(ApiError::NotFound);
    }
    let Some(feed) = feeds::by_token(state, token).await? else {
        return Err(ApiError::NotFound);
    };
    let now = crate::calendar::now_minute();
    let items =
        appointments::all_between(state, &feed.tenant_id, now - DAYS_BACK * 1440, now + DAYS_AHEAD * 1440, MAX_EVENTS)
            .await?;
    let business = crate::turn::business_name(state, &feed.tenant_id).await?;
    let mut calendar = icalendar::Calendar::new();
    calendar.name(&format!("{business} – randevular"));
    for a in &items {
        calendar.push(event(a));
    }
    let body = calendar.done().to_string();
    Response::builder()
        .status(200)
        .header("content-type", "text/calendar; charset=utf-8")
        .header("cache-control", "private, max-age=300")
        .body(Body::Text(body))
        .map_err(|e| ApiError::internal(anyhow::anyhow!("building the feed response: {e}")))
}
