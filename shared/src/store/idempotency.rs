//! Idempotency keys: a client's retry of a request that may have had effects outside our
//! table (an operator reply sent through Meta) finds the first attempt's result instead of
//! repeating it. One item per tenant and key, kept a day.

use serde::{Deserialize, Serialize};

use super::{get, is_condition_failed, key_map, n, to_item};
use crate::keys;
use crate::state::AppState;

/// How long a key is remembered.
const KEEP_SECS: i64 = 24 * 3600;
/// A claim older than this with nothing to show was left by an attempt that died: the next
/// attempt may take it over.
const ABANDONED_AFTER_SECS: i64 = 30;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IdempotencyRecord {
    /// What the request was (a hash of its target and body): the same key with another request
    /// is refused.
    pub fingerprint: String,
    pub conversation_id: crate::ids::ConversationId,
    /// The message the request creates.
    pub message_id: crate::ids::MessageId,
    pub claimed_at: i64,
}

/// The outcome of [`claim`].
#[derive(Debug)]
pub enum Claim {
    /// This attempt owns the key: go ahead with `message_id` as the record says.
    Claimed(IdempotencyRecord),
    /// An earlier attempt with this key exists (possibly still running, possibly finished).
    Existing(IdempotencyRecord),
}

/// Claims `key` for `record`, or returns the earlier claim. An earlier claim older than
/// [`ABANDONED_AFTER_SECS`] is handed over (its attempt died before storing anything), once:
/// the takeover is conditional on the claim it saw.
pub async fn claim(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    key: &str,
    record: IdempotencyRecord,
) -> anyhow::Result<Claim> {
    let item_key = keys::idempotency(tenant_id, key);
    let mut item = to_item(&record, item_key.clone(), "idempotency")?;
    item.insert(keys::EXPIRES_AT.into(), n(record.claimed_at + KEEP_SECS));
    let put = state
        .dynamo
        .put_item()
        .table_name(state.table())
        .set_item(Some(item))
        .condition_expression("attribute_not_exists(PK) OR expires_at < :now")
        .expression_attribute_values(":now", n(record.claimed_at))
        .send()
        .await;
    match put {
        Ok(_) => return Ok(Claim::Claimed(record)),
        Err(e) if is_condition_failed(&e) => {}
        Err(e) => return Err(anyhow::Error::new(e).context("claiming an idempotency key")),
    }
    let existing: IdempotencyRecord =
        get(state, &item_key).await?.ok_or_else(|| anyhow::anyhow!("an idempotency key vanished"))?;
    Ok(Claim::Existing(existing))
}

/// Takes over an abandoned claim (see [`claim`]); `false` when another attempt took it first
/// or it is not old enough to be abandoned.
pub async fn take_over(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    key: &str,
    seen: &IdempotencyRecord,
) -> anyhow::Result<bool> {
    let now = crate::ids::epoch_secs();
    if now - seen.claimed_at < ABANDONED_AFTER_SECS {
        return Ok(false);
    }
    let updated = state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::idempotency(tenant_id, key))))
        .update_expression("SET claimed_at = :now")
        .condition_expression("claimed_at = :seen")
        .expression_attribute_values(":now", n(now))
        .expression_attribute_values(":seen", n(seen.claimed_at))
        .send()
        .await;
    match updated {
        Ok(_) => Ok(true),
        Err(e) if is_condition_failed(&e) => Ok(false),
        Err(e) => Err(anyhow::Error::new(e).context("taking over an idempotency key")),
    }
}
