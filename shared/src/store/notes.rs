//! Internal notes on a conversation: the team's own words, kept in the conversation's
//! partition, never sent to the customer.

use serde::{Deserialize, Serialize};

use super::page::{decode_all, query_all};
use super::{Transacted, delete_if, put_new, s, to_item, transact};
use crate::ids::{ConversationId, TenantId, UserId};
use crate::keys;
use crate::state::AppState;

/// At most this many notes on one conversation (a note is a remark, not a log).
pub const MAX_PER_CONVERSATION: usize = 200;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    pub conversation_id: ConversationId,
    /// Who wrote it (the dashboard shows the member's name from the team list).
    pub author_id: UserId,
    pub body: String,
    pub created_at: String,
}

/// The conversation's notes, oldest first.
pub async fn list(
    state: &AppState,
    tenant_id: &TenantId,
    conversation_id: &ConversationId,
) -> anyhow::Result<Vec<Note>> {
    decode_all(
        query_all(|| {
            super::partition_prefix(state, keys::conversation_pk(tenant_id, conversation_id), keys::NOTE_PREFIX)
        })
        .await?,
    )
}

/// Stores a note if its conversation still exists (and moves the change marker).
pub async fn create(state: &AppState, tenant_id: &TenantId, note: &Note) -> anyhow::Result<bool> {
    let table = state.table();
    let item = to_item(note, keys::note(tenant_id, &note.conversation_id, &note.id), "note")?;
    let conversation = keys::conversation(tenant_id, &note.conversation_id);
    let mut items = vec![
        put_new(table, item),
        aws_sdk_dynamodb::types::TransactWriteItem::builder()
            .condition_check(
                aws_sdk_dynamodb::types::ConditionCheck::builder()
                    .table_name(table)
                    .set_key(Some(super::key_map(&conversation)))
                    .condition_expression("attribute_exists(PK)")
                    .build()
                    .expect("complete"),
            )
            .build(),
    ];
    items.extend(super::counters::bump(table, tenant_id, None, &[]));
    Ok(transact(state, items, "storing a note").await? == Transacted::Done)
}

/// Deletes a note; `author`: only if that member wrote it. Whether it was deleted.
pub async fn delete(
    state: &AppState,
    tenant_id: &TenantId,
    conversation_id: &ConversationId,
    note_id: &str,
    author: Option<&UserId>,
) -> anyhow::Result<bool> {
    let table = state.table();
    let key = keys::note(tenant_id, conversation_id, note_id);
    let write = match author {
        Some(author) => delete_if(table, &key, Some("attribute_exists(PK) AND author_id = :a"), &[(":a", s(author))]),
        None => delete_if(table, &key, Some("attribute_exists(PK)"), &[]),
    };
    let mut items = vec![write];
    items.extend(super::counters::bump(table, tenant_id, None, &[]));
    Ok(transact(state, items, "deleting a note").await? == Transacted::Done)
}
