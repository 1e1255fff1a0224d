//! Saved replies: a tenant's short answers, each with a shortcut unique in the tenant (kept
//! unique by a guard item written in the same transaction).

use serde::{Deserialize, Serialize};

use super::page::{decode_all, query_all};
use super::{Transacted, delete, delete_if, get, put_if, put_new, to_item, transact};
use crate::ids::TenantId;
use crate::keys;
use crate::state::AppState;

/// At most this many saved replies per tenant.
pub const MAX_PER_TENANT: usize = 500;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SavedReply {
    pub id: String,
    /// What the team types after `/` to find it (`fiyat`, `adres`).
    pub shortcut: String,
    pub body: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct ShortcutGuard {
    reply_id: String,
}

/// How a write went.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    Done,
    /// Another saved reply has this shortcut.
    ShortcutTaken,
    /// The reply is gone (deleted meanwhile).
    Gone,
}

/// The tenant's saved replies, by shortcut.
pub async fn list(state: &AppState, tenant_id: &TenantId) -> anyhow::Result<Vec<SavedReply>> {
    let mut replies: Vec<SavedReply> = decode_all(
        query_all(|| super::partition_prefix(state, keys::tenant_pk(tenant_id), keys::SAVED_REPLY_PREFIX)).await?,
    )?;
    replies.sort_by(|a, b| a.shortcut.cmp(&b.shortcut));
    Ok(replies)
}

pub async fn get_reply(state: &AppState, tenant_id: &TenantId, id: &str) -> anyhow::Result<Option<SavedReply>> {
    get(state, &keys::saved_reply(tenant_id, id)).await
}

fn guard(tenant_id: &TenantId, reply: &SavedReply) -> anyhow::Result<super::Item> {
    to_item(
        &ShortcutGuard { reply_id: reply.id.clone() },
        keys::saved_reply_shortcut(tenant_id, &reply.shortcut),
        "saved_reply_shortcut",
    )
}

pub async fn create(state: &AppState, tenant_id: &TenantId, reply: &SavedReply) -> anyhow::Result<Saved> {
    let table = state.table();
    let items = vec![
        put_new(table, guard(tenant_id, reply)?),
        put_new(table, to_item(reply, keys::saved_reply(tenant_id, &reply.id), "saved_reply")?),
    ];
    Ok(match transact(state, items, "saving a reply").await? {
        Transacted::Done => Saved::Done,
        refused if refused.refused_at(0) => Saved::ShortcutTaken,
        Transacted::Refused(_) => Saved::Gone,
    })
}

/// Replaces `old` with `new` (same id); a changed shortcut moves its guard.
pub async fn update(
    state: &AppState,
    tenant_id: &TenantId,
    old: &SavedReply,
    new: &SavedReply,
) -> anyhow::Result<Saved> {
    let table = state.table();
    let mut items = vec![put_if(
        table,
        to_item(new, keys::saved_reply(tenant_id, &new.id), "saved_reply")?,
        "attribute_exists(PK) AND shortcut = :old",
        &[(":old", super::s(&old.shortcut))],
    )];
    if old.shortcut != new.shortcut {
        items.push(put_new(table, guard(tenant_id, new)?));
        items.push(delete(table, &keys::saved_reply_shortcut(tenant_id, &old.shortcut)));
    }
    Ok(match transact(state, items, "updating a saved reply").await? {
        Transacted::Done => Saved::Done,
        refused if refused.refused_at(1) => Saved::ShortcutTaken,
        Transacted::Refused(_) => Saved::Gone,
    })
}

/// Deletes the reply and its shortcut's guard. Whether it was there.
pub async fn remove(state: &AppState, tenant_id: &TenantId, reply: &SavedReply) -> anyhow::Result<bool> {
    let table = state.table();
    let items = vec![
        delete_if(table, &keys::saved_reply(tenant_id, &reply.id), Some("attribute_exists(PK)"), &[]),
        delete(table, &keys::saved_reply_shortcut(tenant_id, &reply.shortcut)),
    ];
    Ok(transact(state, items, "deleting a saved reply").await? == Transacted::Done)
}
