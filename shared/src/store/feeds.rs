//! The tenant's secret calendar feed: a lookup by a hash of the token (the token itself is
//! shown once and never stored) and the tenant's pointer to it, changed together.

use serde::{Deserialize, Serialize};

use super::{Transacted, delete_if, put, put_if, s, to_item, transact};
use crate::ids::TenantId;
use crate::keys;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Feed {
    pub tenant_id: TenantId,
    pub token_hash: String,
    pub created_at: String,
}

/// The token's lookup key part: a SHA-256, so a table read never yields a usable token.
pub fn hash(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

pub async fn current(state: &AppState, tenant_id: &TenantId) -> anyhow::Result<Option<Feed>> {
    super::get(state, &keys::tenant_calendar_feed(tenant_id)).await
}

/// The tenant a token opens, if the feed is live.
pub async fn by_token(state: &AppState, token: &str) -> anyhow::Result<Option<Feed>> {
    super::get(state, &keys::calendar_feed(&hash(token))).await
}

/// Makes `token` the tenant's feed, retiring the one read as `before` in the same
/// transaction. `false`: the feed changed meanwhile (nothing written; read again).
pub async fn replace(
    state: &AppState,
    before: Option<&Feed>,
    tenant_id: &TenantId,
    token: &str,
) -> anyhow::Result<bool> {
    let table = state.table();
    let feed = Feed { tenant_id: tenant_id.clone(), token_hash: hash(token), created_at: crate::ids::now_rfc3339() };
    let pointer = to_item(&feed, keys::tenant_calendar_feed(tenant_id), "calendar_feed")?;
    let mut writes = vec![match before {
        Some(old) => put_if(table, pointer, "token_hash = :old", &[(":old", s(&old.token_hash))]),
        None => put_if(table, pointer, "attribute_not_exists(PK)", &[]),
    }];
    writes.push(put(table, to_item(&feed, keys::calendar_feed(&feed.token_hash), "calendar_feed_lookup")?));
    if let Some(old) = before {
        writes.push(delete_if(table, &keys::calendar_feed(&old.token_hash), None, &[]));
    }
    Ok(transact(state, writes, "replacing a calendar feed").await? == Transacted::Done)
}

/// Retires the tenant's feed (both items).
pub async fn revoke(state: &AppState, feed: &Feed) -> anyhow::Result<()> {
    let table = state.table();
    let writes = vec![
        delete_if(table, &keys::tenant_calendar_feed(&feed.tenant_id), None, &[]),
        delete_if(table, &keys::calendar_feed(&feed.token_hash), None, &[]),
    ];
    transact(state, writes, "revoking a calendar feed").await?;
    Ok(())
}
