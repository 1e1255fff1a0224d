//! Leads across the tenant's bots: search, date range, status, notes, CSV export.

use lambda_http::Request;
use serde::Deserialize;

use super::bots::load;
use super::knowledge::to_csv;
use crate::auth::{Caller, authenticate};
use crate::domain::Checks;
use crate::error::{ApiError, ApiResult};
use crate::http::{self, id_param, json_body, no_content, ok, query_param};
use crate::state::AppState;
use crate::store::leads::{self, Lead, LeadFilter, LeadStatus};
use crate::store::page::Listing;

pub(crate) fn parse_date(req: &Request, name: &str) -> ApiResult<Option<time::Date>> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    query_param(req, name)
        .map(|v| {
            time::Date::parse(&v, format).map_err(|_| ApiError::InvalidParameter {
                field: name.into(),
                message: "must be a date YYYY-MM-DD".into(),
            })
        })
        .transpose()
}

fn filter_of(req: &Request) -> ApiResult<LeadFilter> {
    let status = query_param(req, "status");
    if let Some(s) = &status
        && !["new", "contacted", "won", "lost"].contains(&s.as_str())
    {
        return Err(ApiError::InvalidParameter {
            field: "status".into(),
            message: "must be new, contacted, won or lost".into(),
        });
    }
    let bot_id = query_param(req, "bot_id");
    if bot_id.as_deref().is_some_and(|b| !crate::ids::is_id(b)) {
        return Err(ApiError::InvalidParameter { field: "bot_id".into(), message: "is not a bot id".into() });
    }
    let filter = LeadFilter {
        q: query_param(req, "q").map(|q| crate::ai::text::fold(q.trim())).filter(|q| !q.is_empty()),
        from: parse_date(req, "from")?,
        to: parse_date(req, "to")?,
        status,
        bot_id: bot_id.map(crate::ids::BotId::from),
    };
    if let (Some(f), Some(t)) = (filter.from, filter.to)
        && f > t
    {
        return Err(ApiError::InvalidParameter { field: "from".into(), message: "must not be after to".into() });
    }
    if filter.q.as_ref().is_some_and(|q| q.chars().count() > 100) {
        return Err(ApiError::InvalidParameter { field: "q".into(), message: "must be at most 100 characters".into() });
    }
    Ok(filter)
}

/// `GET /leads?q&from&to&status&bot_id`: newest first, paged.
#[tracing::instrument(skip_all)]
pub async fn list(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let filter = filter_of(&req)?;
    let listing = Listing::filtered(&req, format!("{}:leads", caller.tenant_id))?;
    ok(&leads::page(state, &caller.tenant_id, &filter, listing).await?)
}

/// `GET /bots/{bot_id}/leads`: one bot's leads, newest first, paged.
#[tracing::instrument(skip_all)]
pub async fn by_bot(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let listing = Listing::of(&req, format!("{}:bot-leads:{}", caller.tenant_id, bot.id))?;
    let page = leads::page_of_bot(state, &caller.tenant_id, &bot.id, listing).await?;
    ok(&page)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadUpdate {
    status: Option<String>,
    notes: Option<String>,
}

async fn load_lead(state: &AppState, caller: &Caller, req: &Request) -> ApiResult<Lead> {
    let id = crate::ids::LeadId::from(id_param(req, "lead_id")?);
    leads::get_lead(state, &caller.tenant_id, &id).await?.ok_or(ApiError::NotFound)
}

/// `PATCH /leads/{lead_id} {status?, notes?}`
#[tracing::instrument(skip_all)]
pub async fn update(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let mut lead = load_lead(state, &caller, &req).await?;
    let body: LeadUpdate = json_body(&req)?;
    let mut checks = Checks::new();
    if let Some(status) = body.status {
        match serde_json::from_value::<LeadStatus>(serde_json::Value::String(status)) {
            Ok(s) => lead.status = s,
            Err(_) => checks.fail("status", "invalid_choice", "must be one of new, contacted, won, lost"),
        }
    }
    if let Some(notes) = body.notes {
        lead.notes = checks.text("notes", &notes, 0, 2000);
    }
    checks.finish()?;
    lead.updated_at = crate::ids::now_rfc3339();
    leads::save(state, &lead).await?;
    ok(&lead)
}

/// `DELETE /leads/{lead_id}`
#[tracing::instrument(skip_all)]
pub async fn delete(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let lead = load_lead(state, &caller, &req).await?;
    leads::delete(state, &lead).await?;
    no_content()
}

/// `GET /leads/export`: the filtered leads as CSV (UTF-8 with BOM for Excel).
#[tracing::instrument(skip_all)]
pub async fn export(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let filter = filter_of(&req)?;
    let items = leads::all_matching(state, &caller.tenant_id, &filter).await?;
    let csv = to_csv(
        ["id", "created_at", "bot", "name", "email", "phone", "status", "source", "notes"],
        items.into_iter().map(|l| {
            [
                l.id.into(),
                l.created_at,
                l.bot_name,
                l.name,
                l.email.unwrap_or_default(),
                l.phone.map(String::from).unwrap_or_default(),
                serde_json::to_value(l.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
                serde_json::to_value(l.source).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
                l.notes,
            ]
        }),
    )?;
    http::download("text/csv; charset=utf-8", "leads.csv", csv)
}
