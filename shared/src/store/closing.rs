//! Closing a business: the owner asks, the account stays usable for a grace period (the owner
//! can change their mind), then everything the tenant holds is deleted by the hourly sweep:
//! its bots with their conversations, leads, appointments, WhatsApp connections and secrets,
//! then every item of its own partitions (team, settings, counters, logs). Users stay: they
//! may belong to other businesses.

use serde::{Deserialize, Serialize};

use super::page::{decode_all, query_all};
use super::to_item;
use crate::ids::TenantId;
use crate::keys;
use crate::state::AppState;

/// Days between the owner's request and the deletion.
pub const GRACE_DAYS: i64 = 14;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Closing {
    pub tenant_id: TenantId,
    /// RFC 3339: when everything is deleted.
    pub delete_at: String,
    pub requested_by: crate::ids::UserId,
    pub requested_at: String,
}

/// The tenant's pending closing, if any.
pub async fn pending(state: &AppState, tenant_id: &TenantId) -> anyhow::Result<Option<Closing>> {
    super::get(state, &keys::closing(tenant_id)).await
}

/// Schedules the deletion (again: the same date stays).
pub async fn schedule(state: &AppState, closing: &Closing) -> anyhow::Result<Closing> {
    if let Some(existing) = pending(state, &closing.tenant_id).await? {
        return Ok(existing);
    }
    let table = state.table();
    let items = vec![
        super::put(table, to_item(closing, keys::closing(&closing.tenant_id), "closing")?),
        super::put(
            table,
            to_item(closing, keys::closing_listed(&closing.delete_at, &closing.tenant_id), "closing_listed")?,
        ),
    ];
    super::transact(state, items, "scheduling a closing").await?;
    Ok(closing.clone())
}

/// The owner changed their mind.
pub async fn cancel(state: &AppState, closing: &Closing) -> anyhow::Result<()> {
    let table = state.table();
    let items = vec![
        super::delete(table, &keys::closing(&closing.tenant_id)),
        super::delete(table, &keys::closing_listed(&closing.delete_at, &closing.tenant_id)),
    ];
    super::transact(state, items, "cancelling a closing").await?;
    Ok(())
}

/// Deletes every tenant whose grace period ended by `now` (RFC 3339). Returns how many.
pub async fn sweep(state: &AppState, now: &str) -> anyhow::Result<usize> {
    let due: Vec<Closing> = decode_all(
        query_all(|| {
            super::partition_between(state, keys::CLOSINGS_LISTED_PK.to_string(), "0".into(), format!("{now}~"))
        })
        .await?,
    )?;
    let mut closed = 0;
    for closing in due {
        delete_tenant(state, &closing.tenant_id).await?;
        super::delete_item(state, &keys::closing_listed(&closing.delete_at, &closing.tenant_id)).await?;
        tracing::info!(tenant = %closing.tenant_id, "a closed business's data was deleted");
        closed += 1;
    }
    Ok(closed)
}

/// Everything of the tenant: bots first (their cascade reaches outside the tenant's
/// partitions), then its partitions whole. Repeatable after an interruption.
async fn delete_tenant(state: &AppState, tenant_id: &TenantId) -> anyhow::Result<()> {
    for bot in super::bots::list_all(state, tenant_id).await? {
        super::bots::delete_cascade(state, &bot).await?;
    }
    if let Some(feed) = super::feeds::current(state, tenant_id).await? {
        super::feeds::revoke(state, &feed).await?;
    }
    super::delete_item(state, &keys::retention_listed(tenant_id)).await?;
    for pk in [keys::leads_pk(tenant_id), keys::appointments_pk(tenant_id), keys::metrics_pk(tenant_id)] {
        let items = query_all(|| super::partition(state, pk.clone())).await?;
        super::batch::delete_items(state, &items).await?;
    }
    // The tenant's own partition last: its TENANT and CLOSING items say it is still being closed.
    let items = query_all(|| super::partition(state, keys::tenant_pk(tenant_id))).await?;
    let (last, rest): (Vec<_>, Vec<_>) = items
        .into_iter()
        .partition(|i| i.get(keys::SK).and_then(|v| v.as_s().ok()).is_some_and(|sk| sk == "TENANT" || sk == "CLOSING"));
    super::batch::delete_items(state, &rest).await?;
    super::batch::delete_items(state, &last).await?;
    Ok(())
}
