//! Counters maintained on write, in the same transaction as the write they count, so the
//! overview never scans and never drifts from the data.

use anyhow::Context;
use aws_sdk_dynamodb::types::{TransactWriteItem, Update};

use super::{key_map, n, s};
use crate::keys;
use crate::state::AppState;

/// What a counter counts.
#[derive(Debug, Clone, Copy)]
pub enum Counter {
    Bots,
    Conversations,
    Messages,
    Leads,
    Handoffs,
    /// Appointments the assistant booked in a conversation (not the team's own).
    AssistantAppointments,
}

impl Counter {
    pub fn attribute(self) -> &'static str {
        match self {
            Self::Bots => "bots",
            Self::Conversations => "conversations",
            Self::Messages => "messages",
            Self::Leads => "leads",
            Self::Handoffs => "handoffs",
            Self::AssistantAppointments => "assistant_appointments",
        }
    }
}

/// The tenant's change marker: a number on its totals item that every change the inbox shows
/// adds one to, so an open dashboard asks "anything new?" with one read.
pub const CHANGES: &str = "changes";

fn update(table: &str, key: (String, String), deltas: &[(Counter, i64)], mark: bool) -> TransactWriteItem {
    let mut expr = Vec::new();
    let mut builder = Update::builder().table_name(table).set_key(Some(key_map(&key)));
    for (i, (counter, delta)) in deltas.iter().enumerate() {
        expr.push(format!("#c{i} :d{i}"));
        builder = builder
            .expression_attribute_names(format!("#c{i}"), counter.attribute())
            .expression_attribute_values(format!(":d{i}"), n(delta));
    }
    if mark {
        expr.push("#changes :mark".into());
        builder = builder.expression_attribute_names("#changes", CHANGES).expression_attribute_values(":mark", n(1));
    }
    let update = builder
        .update_expression(format!("ADD {} SET #type = :type", expr.join(", ")))
        .expression_attribute_names("#type", keys::TYPE)
        .expression_attribute_values(":type", s("counter"))
        .build()
        .expect("complete");
    TransactWriteItem::builder().update(update).build()
}

/// Transaction items adding `deltas` to the tenant's totals and, for dated entities, to the
/// day (`YYYY-MM-DD`) they were created on. The change marker moves with them.
pub fn bump(
    table: &str,
    tenant_id: &crate::ids::TenantId,
    day: Option<&str>,
    deltas: &[(Counter, i64)],
) -> Vec<TransactWriteItem> {
    let mut items = vec![update(table, keys::stats(tenant_id), deltas, true)];
    if let Some(day) = day {
        let dated: Vec<_> = deltas.iter().copied().filter(|(c, _)| !matches!(c, Counter::Bots)).collect();
        if !dated.is_empty() {
            items.push(update(table, keys::stats_day(tenant_id, day), &dated, false));
        }
    }
    items
}

/// Moves the tenant's change marker (a change nothing counts: an assignment, a note, a read).
pub async fn touch(state: &AppState, tenant_id: &crate::ids::TenantId) -> anyhow::Result<()> {
    state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::stats(tenant_id))))
        .update_expression("ADD #changes :one SET #type = :type")
        .expression_attribute_names("#changes", CHANGES)
        .expression_attribute_names("#type", keys::TYPE)
        .expression_attribute_values(":one", n(1))
        .expression_attribute_values(":type", s("counter"))
        .send()
        .await
        .context("moving the change marker")?;
    Ok(())
}

/// The tenant's change marker as it is now (0 before any change).
pub async fn marker(state: &AppState, tenant_id: &crate::ids::TenantId) -> anyhow::Result<u64> {
    let out = state
        .dynamo
        .get_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::stats(tenant_id))))
        .projection_expression("#changes")
        .expression_attribute_names("#changes", CHANGES)
        .send()
        .await
        .context("reading the change marker")?;
    Ok(out.item.and_then(|i| i.get(CHANGES).and_then(|v| v.as_n().ok()).and_then(|v| v.parse().ok())).unwrap_or(0))
}

/// The `YYYY-MM-DD` part of an RFC 3339 timestamp.
pub fn day_of(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

/// Applies counter changes on their own (for cascades, where the deletes are batched).
pub async fn apply(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    day: Option<&str>,
    deltas: &[(Counter, i64)],
) -> anyhow::Result<()> {
    if deltas.iter().all(|(_, d)| *d == 0) {
        return Ok(());
    }
    state
        .dynamo
        .transact_write_items()
        .set_transact_items(Some(bump(state.table(), tenant_id, day, deltas)))
        .send()
        .await
        .context("updating counters")?;
    Ok(())
}

/// Counts one answer in `attribute` of the tenant's `month` usage item unless it already
/// reached `limit`: the new count, or `None` when the budget is used up.
pub async fn count_usage(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    month: &str,
    attribute: &str,
    limit: u64,
) -> anyhow::Result<Option<u64>> {
    let result = state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::usage_month(tenant_id, month))))
        .update_expression("ADD #used :one SET #t = :type")
        .condition_expression("attribute_not_exists(#used) OR #used < :limit")
        .expression_attribute_names("#used", attribute)
        .expression_attribute_names("#t", keys::TYPE)
        .expression_attribute_values(":one", n(1))
        .expression_attribute_values(":limit", n(limit))
        .expression_attribute_values(":type", s("usage"))
        .return_values(aws_sdk_dynamodb::types::ReturnValue::UpdatedNew)
        .send()
        .await;
    match result {
        Ok(out) => Ok(Some(
            out.attributes
                .and_then(|a| a.get(attribute).and_then(|v| v.as_n().ok()).and_then(|v| v.parse().ok()))
                .unwrap_or(0),
        )),
        Err(err) if super::is_condition_failed(&err) => Ok(None),
        Err(err) => Err(anyhow::Error::new(err).context("counting monthly usage")),
    }
}

/// The counts of the tenant's `month` usage item, by attribute.
pub async fn usage_of(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    month: &str,
) -> anyhow::Result<std::collections::HashMap<String, u64>> {
    let item: Option<std::collections::HashMap<String, serde_json::Value>> =
        super::get(state, &keys::usage_month(tenant_id, month)).await?;
    Ok(item.unwrap_or_default().into_iter().filter_map(|(k, v)| v.as_u64().map(|n| (k, n))).collect())
}

/// A tenant's totals, or one day's counts.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    #[serde(default)]
    pub bots: i64,
    #[serde(default)]
    pub conversations: i64,
    #[serde(default)]
    pub messages: i64,
    #[serde(default)]
    pub leads: i64,
    #[serde(default)]
    pub handoffs: i64,
    #[serde(default)]
    pub assistant_appointments: i64,
}

/// The tenant's totals since it began.
pub async fn totals(state: &AppState, tenant_id: &crate::ids::TenantId) -> anyhow::Result<Counts> {
    Ok(super::get(state, &keys::stats(tenant_id)).await?.unwrap_or_default())
}

/// The tenant's counts per day from `first` to `last` (dates `YYYY-MM-DD`); days without
/// activity are absent.
pub async fn days(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    first: &str,
    last: &str,
) -> anyhow::Result<std::collections::HashMap<String, Counts>> {
    let (low, high) = (keys::stats_day(tenant_id, first).1, keys::stats_day(tenant_id, last).1);
    let out = super::partition_between(state, keys::tenant_pk(tenant_id), low, high)
        .send()
        .await
        .context("reading daily counters")?;
    let mut by_day = std::collections::HashMap::new();
    for item in out.items.unwrap_or_default() {
        let day = item.get(keys::SK).and_then(|v| v.as_s().ok()).and_then(|sk| sk.strip_prefix(keys::DAY_PREFIX));
        if let Some(day) = day.map(str::to_owned) {
            by_day.insert(day, super::from_item::<Counts>(item)?);
        }
    }
    Ok(by_day)
}
