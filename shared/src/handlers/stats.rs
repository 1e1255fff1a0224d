//! The overview: served from counters kept on write, never from a scan.

use lambda_http::Request;

use crate::auth::authenticate;
use crate::error::ApiResult;
use crate::http::ok;
use crate::state::AppState;
use crate::store::counters::{self, Counts};
use crate::store::metrics::{self, Figures};

/// `GET /stats/overview`
#[tracing::instrument(skip_all)]
pub async fn overview(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let totals = counters::totals(state, &caller.tenant_id).await?;
    let today = crate::ids::now().date();
    let days: Vec<String> = (0..7).rev().map(|back| (today - time::Duration::days(back)).to_string()).collect();
    let by_day = counters::days(state, &caller.tenant_id, &days[0], &days[6]).await?;
    let daily: Vec<_> = days
        .iter()
        .map(|d| {
            let c = by_day.get(d).cloned().unwrap_or_default();
            serde_json::json!({ "date": d, "conversations": c.conversations, "messages": c.messages, "leads": c.leads })
        })
        .collect();
    let week = |f: fn(&Counts) -> i64| by_day.values().map(f).sum::<i64>();
    ok(&serde_json::json!({
        "bots": totals.bots,
        "conversations": { "total": totals.conversations, "last_7_days": week(|c| c.conversations) },
        "messages": { "total": totals.messages, "last_7_days": week(|c| c.messages) },
        "leads": { "total": totals.leads, "last_7_days": week(|c| c.leads) },
        "handoffs": { "total": totals.handoffs, "last_7_days": week(|c| c.handoffs) },
        "assistant_appointments": {
            "total": totals.assistant_appointments,
            "last_7_days": week(|c| c.assistant_appointments),
        },
        "daily": daily,
        "usage": crate::budget::usage(state, &caller.tenant_id).await?,
    }))
}

/// What a report covers.
struct ReportQuery {
    from: time::Date,
    to: time::Date,
    bot_id: Option<String>,
    source: Option<String>,
}

/// Reads `from`, `to` (default: the last 30 days, at most 366), `bot_id` and `source`.
async fn report_query(state: &AppState, caller: &crate::auth::Caller, req: &Request) -> ApiResult<ReportQuery> {
    use crate::error::ApiError;
    let today = crate::ids::now().date();
    let to = super::leads::parse_date(req, "to")?.unwrap_or(today);
    let from = super::leads::parse_date(req, "from")?.unwrap_or(to - time::Duration::days(29));
    if from > to {
        return Err(ApiError::InvalidParameter { field: "from".into(), message: "must not be after to".into() });
    }
    if (to - from).whole_days() > 365 {
        return Err(ApiError::InvalidParameter {
            field: "from".into(),
            message: "a report covers at most 366 days".into(),
        });
    }
    let source = crate::http::query_param(req, "source");
    if source.as_deref().is_some_and(|s| !["whatsapp", "web_widget"].contains(&s)) {
        return Err(ApiError::InvalidParameter {
            field: "source".into(),
            message: "must be whatsapp or web_widget".into(),
        });
    }
    let bot_id = match crate::http::query_param(req, "bot_id") {
        Some(id) => Some(super::bots::load(state, caller, &id).await?.id.to_string()),
        None => None,
    };
    Ok(ReportQuery { from, to, bot_id, source })
}

/// The rows a report covers, filtered by bot and channel.
async fn report_rows(state: &AppState, caller: &crate::auth::Caller, q: &ReportQuery) -> ApiResult<Vec<metrics::Row>> {
    let rows = metrics::rows(state, &caller.tenant_id, &q.from.to_string(), &q.to.to_string()).await?;
    Ok(rows
        .into_iter()
        .filter(|r| q.bot_id.as_deref().is_none_or(|b| r.bot_id == b))
        .filter(|r| q.source.as_deref().is_none_or(|s| r.channel == s))
        .collect())
}

/// `GET /stats/report?from&to&bot_id&source`: the numbers that matter over a date range, in
/// total, per day, and per bot and channel.
#[tracing::instrument(skip_all)]
pub async fn report(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let q = report_query(state, &caller, &req).await?;
    let rows = report_rows(state, &caller, &q).await?;
    let mut total = metrics::Row::default();
    let mut per_day: std::collections::BTreeMap<String, metrics::Row> = std::collections::BTreeMap::new();
    let mut per_bot: std::collections::BTreeMap<(String, String), metrics::Row> = std::collections::BTreeMap::new();
    for row in &rows {
        total.merge(row);
        per_day.entry(row.day.clone()).or_default().merge(row);
        per_bot.entry((row.bot_id.clone(), row.channel.clone())).or_default().merge(row);
    }
    let mut days = Vec::new();
    for offset in 0..=(q.to - q.from).whole_days() {
        let key = (q.from + time::Duration::days(offset)).to_string();
        let figures = per_day.get(&key).map(Figures::from).unwrap_or_else(|| Figures::from(&metrics::Row::default()));
        days.push(serde_json::json!({ "date": key, "figures": figures }));
    }
    let by_bot: Vec<_> = per_bot
        .iter()
        .map(|((bot_id, channel), row)| serde_json::json!({ "bot_id": bot_id, "source": channel, "figures": Figures::from(row) }))
        .collect();
    ok(&serde_json::json!({
        "from": q.from.to_string(),
        "to": q.to.to_string(),
        "totals": Figures::from(&total),
        "days": days,
        "by_bot": by_bot,
    }))
}

/// `GET /stats/report/export?from&to&bot_id&source`: the report's rows as CSV for Excel (one
/// line per day, bot and channel).
#[tracing::instrument(skip_all)]
pub async fn report_export(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let q = report_query(state, &caller, &req).await?;
    let rows = report_rows(state, &caller, &q).await?;
    let bots: std::collections::HashMap<String, String> = crate::store::bots::list(state, &caller.tenant_id)
        .await?
        .into_iter()
        .map(|b| (b.id.to_string(), b.name))
        .collect();
    let opt = |v: Option<f64>| v.map(|v| format!("{v:.3}")).unwrap_or_default();
    let secs = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let csv = super::knowledge::to_csv(
        [
            "date",
            "bot",
            "channel",
            "conversations",
            "customer_messages",
            "bot_messages",
            "operator_messages",
            "answered_by_bot_share",
            "handoffs",
            "handoff_rate",
            "gaps",
            "gap_rate",
            "bot_first_response_median_s",
            "bot_first_response_p90_s",
            "human_first_response_median_s",
            "human_first_response_p90_s",
            "time_to_resolve_median_s",
            "time_to_resolve_p90_s",
            "resolved",
            "leads",
            "appointments",
        ],
        rows.iter().map(|row| {
            let f = Figures::from(row);
            [
                row.day.clone(),
                bots.get(&row.bot_id).cloned().unwrap_or_else(|| row.bot_id.clone()),
                row.channel.clone(),
                f.conversations.to_string(),
                f.customer_messages.to_string(),
                f.bot_messages.to_string(),
                f.operator_messages.to_string(),
                opt(f.answered_by_bot_share),
                f.handoffs.to_string(),
                opt(f.handoff_rate),
                f.gaps.to_string(),
                opt(f.gap_rate),
                secs(f.bot_first_response.median_seconds),
                secs(f.bot_first_response.p90_seconds),
                secs(f.human_first_response.median_seconds),
                secs(f.human_first_response.p90_seconds),
                secs(f.time_to_resolve.median_seconds),
                secs(f.time_to_resolve.p90_seconds),
                f.resolved.to_string(),
                f.leads.to_string(),
                f.appointments.to_string(),
            ]
        }),
    )?;
    crate::http::download("text/csv; charset=utf-8", &format!("svontai-rapor-{}-{}.csv", q.from, q.to), csv)
}
