//! The overview: served from counters kept on write, never from a scan.

use lambda_http::Request;
use serde::{Deserialize, Serialize};

use crate::auth::authenticate;
use crate::error::ApiResult;
use crate::http::ok;
use crate::keys;
use crate::state::AppState;
use crate::store::{from_item, get, s};

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Counts {
    #[serde(default)]
    bots: i64,
    #[serde(default)]
    conversations: i64,
    #[serde(default)]
    messages: i64,
    #[serde(default)]
    leads: i64,
    #[serde(default)]
    handoffs: i64,
}

/// `GET /stats/overview`
#[tracing::instrument(skip_all)]
pub async fn overview(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let totals: Counts = get(state, &keys::stats(&caller.tenant_id)).await?.unwrap_or_default();
    let today = crate::ids::now().date();
    let days: Vec<String> = (0..7).rev().map(|back| (today - time::Duration::days(back)).to_string()).collect();
    let out = state
        .dynamo
        .query()
        .table_name(state.table())
        .key_condition_expression("PK = :pk AND SK BETWEEN :lo AND :hi")
        .expression_attribute_values(":pk", s(keys::tenant_pk(&caller.tenant_id)))
        .expression_attribute_values(":lo", s(format!("DAY#{}", days[0])))
        .expression_attribute_values(":hi", s(format!("DAY#{}", days[6])))
        .send()
        .await
        .map_err(|e| anyhow::Error::new(e).context("reading daily counters"))?;
    let mut by_day = std::collections::HashMap::new();
    for item in out.items.unwrap_or_default() {
        let day = item.get("SK").and_then(|v| v.as_s().ok()).map(|s| s.trim_start_matches("DAY#").to_string());
        if let Some(day) = day {
            by_day.insert(day, from_item::<Counts>(item)?);
        }
    }
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
        "daily": daily,
        "usage": crate::budget::usage(state, &caller.tenant_id).await?,
    }))
}
