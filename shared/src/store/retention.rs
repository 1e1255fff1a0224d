//! Retention: a business may keep conversations for a set number of months. A conversation
//! whose customer last wrote before that is erased whole (messages, notes, pointer, events,
//! its share of the counters) by the notifier's hourly sweep, found through the inbox index
//! (GSI2 is sorted by the customer's last message), never by a scan.
//!
//! Not DynamoDB TTL on each item: TTL deletes items one by one, so it would leave a
//! conversation's pointer, counters and notes behind, and a changed setting would not reach
//! the items already written.

use serde::{Deserialize, Serialize};

use super::page::{decode_all, query_all};
use super::{from_item, s, to_item};
use crate::ids::TenantId;
use crate::keys;
use crate::state::AppState;

/// The longest a business may choose (10 years); 0 keeps conversations until deleted.
pub const MAX_MONTHS: u32 = 120;
/// Conversations one tenant has erased per sweep at most (the next sweep goes on).
const PER_SWEEP: i32 = 200;

#[derive(Debug, Serialize, Deserialize)]
struct Setting {
    tenant_id: TenantId,
    retention_months: u32,
}

/// The tenant's choice (0: keep).
pub async fn months(state: &AppState, tenant_id: &TenantId) -> anyhow::Result<u32> {
    let stored: Option<Setting> = super::get(state, &keys::retention(tenant_id)).await?;
    Ok(stored.map_or(0, |s| s.retention_months))
}

/// Saves the choice, and lists the tenant for the sweep (or takes it off the list).
pub async fn set_months(state: &AppState, tenant_id: &TenantId, months: u32) -> anyhow::Result<()> {
    let setting = Setting { tenant_id: tenant_id.clone(), retention_months: months };
    let table = state.table();
    let listed = keys::retention_listed(tenant_id);
    let items = vec![
        super::put(table, to_item(&setting, keys::retention(tenant_id), "retention")?),
        if months > 0 {
            super::put(table, to_item(&setting, listed, "retention_listed")?)
        } else {
            super::delete(table, &listed)
        },
    ];
    super::transact(state, items, "saving the retention").await?;
    Ok(())
}

/// The smallest ULID of the millisecond `at`: every id made before it sorts lower.
fn ulid_at(at: jiff::Timestamp) -> String {
    ulid::Ulid::from_parts(at.as_millisecond().max(0) as u64, 0).to_string().to_lowercase()
}

/// When a conversation whose customer last wrote before is out of its time (`months` back).
pub fn cutoff(now: jiff::Timestamp, months: u32) -> anyhow::Result<jiff::Timestamp> {
    let zoned = now.to_zoned_datetime(jiff::tz::TimeZone::UTC);
    Ok(zoned.checked_sub(jiff::Span::new().months(i64::from(months)))?.timestamp())
}

/// Erases, for every tenant that chose a retention, the conversations out of their time.
/// Returns how many were erased.
pub async fn sweep(state: &AppState, now: jiff::Timestamp) -> anyhow::Result<usize> {
    let listed: Vec<Setting> =
        decode_all(query_all(|| super::partition(state, keys::RETENTION_LISTED_PK.to_string())).await?)?;
    let mut erased = 0;
    for setting in listed.iter().filter(|s| s.retention_months > 0) {
        let tenant_id = &setting.tenant_id;
        super::inbox::ensure_indexed(state, tenant_id).await?;
        let before = ulid_at(cutoff(now, setting.retention_months)?);
        for resolved in [true, false] {
            let out = state
                .dynamo
                .query()
                .table_name(state.table())
                .index_name(keys::GSI2)
                .key_condition_expression("GSI2PK = :pk AND GSI2SK < :before")
                .expression_attribute_values(":pk", s(keys::inbox_gsi2pk(tenant_id, resolved)))
                .expression_attribute_values(":before", s(&before))
                .limit(PER_SWEEP)
                .send()
                .await?;
            for item in out.items.unwrap_or_default() {
                let c: super::conversations::Conversation = from_item(item)?;
                super::conversations::erase(state, &c).await?;
                erased += 1;
            }
        }
        if erased > 0 {
            tracing::info!(tenant = %tenant_id, erased, "conversations past their retention erased");
        }
    }
    Ok(erased)
}
