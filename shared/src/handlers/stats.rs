//! The overview: served from counters kept on write, never from a scan.

use lambda_http::Request;

use crate::auth::authenticate;
use crate::error::ApiResult;
use crate::http::ok;
use crate::state::AppState;
use crate::store::counters::{self, Counts};

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
