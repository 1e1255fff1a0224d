//! What the table remembers about WhatsApp message ids (wamids): an inbound wamid's markers
//! (queued once by the webhook, stored once and answered once by the worker) and an outbound
//! wamid's lookup (a delivery status finds its message through it).

use anyhow::Context;
use aws_sdk_dynamodb::types::{TransactWriteItem, Update};
use serde::{Deserialize, Serialize};

use super::conversations::{self, Conversation, DeliveryError, DeliveryStatus, Message};
use super::{Transacted, Write, get, key_map, n, s, to_item};
use crate::keys;
use crate::state::AppState;

/// How long an inbound wamid is remembered (Meta retries a delivery for up to 7 days).
const INBOUND_SECS: i64 = 8 * 24 * 3600;
/// How long an outbound wamid finds its message (statuses come within days).
const OUTBOUND_SECS: i64 = 30 * 24 * 3600;

/// Whether the webhook is the first to see an inbound wamid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claimed {
    First,
    Duplicate,
}

/// Remembers an inbound wamid for deduplication: only the first delivery is queued.
pub async fn claim_inbound(state: &AppState, wamid: &crate::ids::Wamid) -> anyhow::Result<Claimed> {
    let mut item = key_map(&keys::whatsapp_inbound(wamid));
    item.insert(keys::TYPE.into(), s("wamid_in"));
    item.insert(keys::EXPIRES_AT.into(), n(crate::ids::epoch_secs() + INBOUND_SECS));
    Ok(if super::put_if_absent(state, item, "remembering a wamid").await? {
        Claimed::First
    } else {
        Claimed::Duplicate
    })
}

/// Forgets a claimed wamid (queueing failed, so Meta's retry must get through).
pub async fn release_inbound(state: &AppState, wamid: &crate::ids::Wamid) -> anyhow::Result<()> {
    super::delete_item(state, &keys::whatsapp_inbound(wamid)).await
}

/// Which stored message a marker names: the customer's message (`STORED`) or the reply to the
/// burst it ended (`REPLY`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Marker {
    pub message_id: crate::ids::MessageId,
    pub conversation_id: crate::ids::ConversationId,
}

#[derive(Debug, Clone, Copy)]
enum Stage {
    Stored,
    Reply,
}

fn marker_key(wamid: &crate::ids::Wamid, stage: Stage) -> (String, String) {
    keys::whatsapp_inbound_marker(
        wamid,
        match stage {
            Stage::Stored => "STORED",
            Stage::Reply => "REPLY",
        },
    )
}

fn marker_write(state: &AppState, wamid: &crate::ids::Wamid, stage: Stage, marker: &Marker) -> anyhow::Result<Write> {
    let kind = match stage {
        Stage::Stored => "wamid_stored",
        Stage::Reply => "wamid_reply",
    };
    let mut item = to_item(marker, marker_key(wamid, stage), kind)?;
    item.insert(keys::EXPIRES_AT.into(), n(crate::ids::epoch_secs() + INBOUND_SECS));
    Ok(Write(super::put_new(state.table(), item)))
}

/// Whether an earlier attempt already stored the inbound message `wamid`.
pub async fn stored_earlier(state: &AppState, wamid: &crate::ids::Wamid) -> anyhow::Result<bool> {
    Ok(get::<Marker>(state, &marker_key(wamid, Stage::Stored)).await?.is_some())
}

/// The message named by a marker, if both still exist.
async fn marked_message(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    marker: &Marker,
) -> anyhow::Result<Option<Message>> {
    conversations::get_message(state, tenant_id, &marker.conversation_id, &marker.message_id).await
}

/// What storing an inbound message did.
#[derive(Debug)]
pub enum Appended {
    /// Stored now: the conversation after it.
    Stored(Conversation),
    /// An earlier attempt stored it: that message, and the conversation as it stands.
    AlreadyStored(Conversation, Box<Message>),
}

/// Stores a customer's message once per wamid (a `STORED` marker goes in the same transaction).
pub async fn append_inbound_once(
    state: &AppState,
    conversation: &Conversation,
    message: &Message,
    wamid: &crate::ids::Wamid,
    reopen_to_bot: bool,
) -> anyhow::Result<Appended> {
    let marker = Marker { message_id: message.id.clone(), conversation_id: conversation.id.clone() };
    let guard = marker_write(state, wamid, Stage::Stored, &marker)?;
    let effects = conversations::TurnEffects { reopen_to_bot, ..Default::default() };
    match conversations::append_guarded(state, conversation, message, vec![guard], effects).await? {
        Some(updated) => Ok(Appended::Stored(updated)),
        None => {
            let prior: Marker =
                get(state, &marker_key(wamid, Stage::Stored)).await?.context("a stored marker vanished")?;
            let existing =
                marked_message(state, &conversation.tenant_id, &prior).await?.context("a stored message vanished")?;
            let fresh = conversations::get_conversation(state, &conversation.tenant_id, &conversation.id)
                .await?
                .unwrap_or_else(|| conversation.clone());
            Ok(Appended::AlreadyStored(fresh, Box::new(existing)))
        }
    }
}

/// The write that makes `reply` the answer to the burst ending with `wamid` (fails if another
/// attempt answered first).
pub fn reply_marker(
    state: &AppState,
    wamid: &crate::ids::Wamid,
    conversation_id: &crate::ids::ConversationId,
    reply_id: &crate::ids::MessageId,
) -> anyhow::Result<Write> {
    let marker = Marker { message_id: reply_id.into(), conversation_id: conversation_id.into() };
    marker_write(state, wamid, Stage::Reply, &marker)
}

/// The reply an earlier attempt stored for the burst ending with `wamid`: its marker (`None`
/// when there is none) and the message (`None` when it has since been deleted).
pub async fn earlier_reply(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    wamid: &crate::ids::Wamid,
) -> anyhow::Result<Option<(Marker, Option<Message>)>> {
    let Some(marker) = get::<Marker>(state, &marker_key(wamid, Stage::Reply)).await? else { return Ok(None) };
    let message = marked_message(state, tenant_id, &marker).await?;
    Ok(Some((marker, message)))
}

/// Where an outbound wamid's message lives (for status webhooks).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutboundRef {
    pub tenant_id: crate::ids::TenantId,
    /// The bot that sent it (absent on lookups written before bots were recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot_id: Option<crate::ids::BotId>,
    pub conversation_id: crate::ids::ConversationId,
    pub message_id: crate::ids::MessageId,
}

/// The message an outbound wamid was sent as.
pub async fn outbound(state: &AppState, wamid: &crate::ids::Wamid) -> anyhow::Result<Option<OutboundRef>> {
    get(state, &keys::whatsapp_message(wamid)).await
}

/// Whether [`mark_sent`] recorded the send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    Recorded,
    /// The message is gone (its conversation was deleted) or already past `sent`.
    Skipped,
}

/// Records that a reply went out as `wamid`: the wamid lookup and the message's new state in
/// one transaction, so no status webhook can arrive between the two writes.
pub async fn mark_sent(
    state: &AppState,
    conversation: &Conversation,
    message_id: &crate::ids::MessageId,
    wamid: &crate::ids::Wamid,
) -> anyhow::Result<Sent> {
    state.faults.check("record_sent")?;
    let reference = OutboundRef {
        tenant_id: conversation.tenant_id.clone(),
        bot_id: Some(conversation.bot_id.clone()),
        conversation_id: conversation.id.clone(),
        message_id: message_id.into(),
    };
    let mut lookup = to_item(&reference, keys::whatsapp_message(wamid), "wamid_out")?;
    lookup.insert(keys::EXPIRES_AT.into(), n(crate::ids::epoch_secs() + OUTBOUND_SECS));
    let update = Update::builder()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::message(&conversation.tenant_id, &conversation.id, message_id))))
        .update_expression("SET wamid = :w, delivery_status = :sent, delivery_rank = :one REMOVE delivery_error")
        .condition_expression("attribute_exists(PK) AND attribute_not_exists(delivery_rank)")
        .expression_attribute_values(":w", s(wamid))
        .expression_attribute_values(":sent", s("sent"))
        .expression_attribute_values(":one", n(rank(DeliveryStatus::Sent)))
        .build()
        .context("message update")?;
    let items = vec![super::put(state.table(), lookup), TransactWriteItem::builder().update(update).build()];
    Ok(match super::transact(state, items, "recording a sent message").await? {
        Transacted::Done => Sent::Recorded,
        Transacted::Refused(_) => Sent::Skipped,
    })
}

/// Marks a reply that could not be sent (the dashboard shows Meta's error).
pub async fn mark_failed(
    state: &AppState,
    conversation: &Conversation,
    message_id: &crate::ids::MessageId,
    error: &DeliveryError,
) -> anyhow::Result<()> {
    state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::message(&conversation.tenant_id, &conversation.id, message_id))))
        .update_expression("SET delivery_status = :failed, delivery_error = :e")
        .expression_attribute_values(":failed", s("failed"))
        .expression_attribute_values(":e", serde_dynamo::to_attribute_value(error)?)
        .send()
        .await
        .context("marking a message failed")?;
    Ok(())
}

/// Statuses only move forward: sent (1) → delivered (2) → read (3), or failed (4).
fn rank(status: DeliveryStatus) -> i64 {
    status as i64
}

/// Moves an outbound message forward to `status`; a status arriving out of order (or for a
/// message that is gone) changes nothing.
pub async fn advance_delivery(
    state: &AppState,
    target: &OutboundRef,
    status: DeliveryStatus,
    error: Option<DeliveryError>,
) -> anyhow::Result<()> {
    let name = serde_dynamo::to_attribute_value(status)?;
    let mut update = state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::message(&target.tenant_id, &target.conversation_id, &target.message_id))))
        .condition_expression("attribute_exists(PK) AND (attribute_not_exists(delivery_rank) OR delivery_rank < :rank)")
        .expression_attribute_values(":rank", n(rank(status)))
        .expression_attribute_values(":status", name);
    update = match error {
        Some(e) => update
            .update_expression("SET delivery_status = :status, delivery_rank = :rank, delivery_error = :e")
            .expression_attribute_values(":e", serde_dynamo::to_attribute_value(e)?),
        None => update.update_expression("SET delivery_status = :status, delivery_rank = :rank"),
    };
    match update.send().await {
        Ok(_) => Ok(()),
        Err(e) if super::is_condition_failed(&e) => Ok(()),
        Err(e) => Err(anyhow::Error::new(e).context("applying a delivery status")),
    }
}
