//! WhatsApp Cloud API: the Graph client, tenant credentials, webhook parsing, and sending.

pub mod credentials;
pub mod graph;
pub mod media;
pub mod payload;
pub mod queue;
pub mod templates;
pub mod worker;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::conversations::{self, Conversation, DeliveryError, DeliveryStatus, Message};
use crate::store::wamids;
use crate::store::whatsapp as store;

/// WhatsApp's customer-service window: free-form messages only within 24 h of the
/// customer's last message.
pub const SERVICE_WINDOW_SECS: i64 = 24 * 3600;

/// Whether the conversation's customer wrote within the last 24 hours.
pub fn window_open(conversation: &Conversation) -> bool {
    let Some(last) = conversation.last_inbound_at.as_deref() else { return false };
    time::OffsetDateTime::parse(last, &time::format_description::well_known::Rfc3339)
        .is_ok_and(|t| (crate::ids::now() - t).whole_seconds() < SERVICE_WINDOW_SECS)
}

/// The bot's WhatsApp connection, or 422 `not_connected`.
pub async fn integration_of(state: &AppState, conversation: &Conversation) -> ApiResult<store::WhatsAppIntegration> {
    store::get_integration(state, &conversation.tenant_id, &conversation.bot_id).await?.ok_or_else(|| {
        ApiError::Unprocessable { code: "not_connected", detail: "This bot has no WhatsApp connection.".into() }
    })
}

/// Sends an operator's reply on a WhatsApp conversation: stored first as pending, then sent,
/// then marked sent (with its wamid, retried in place) or failed (with Meta's code).
pub async fn send_operator_message(
    state: &AppState,
    conversation: &Conversation,
    message: Message,
) -> ApiResult<Message> {
    let integration = integration_of(state, conversation).await?;
    if !window_open(conversation) {
        return Err(ApiError::Unprocessable {
            code: "window_closed",
            detail: "The customer last wrote more than 24 hours ago; WhatsApp only allows template messages now."
                .into(),
        });
    }
    let body = graph::message_body(&conversation.external_user_id, &message.content, &[], "");
    send_stored(state, conversation, &integration, message, &body).await
}

/// Stores `message` as pending, sends `body` (its Graph form) and records the outcome: sent
/// with its wamid (retried in place), or failed with Meta's code.
pub async fn send_stored(
    state: &AppState,
    conversation: &Conversation,
    integration: &store::WhatsAppIntegration,
    mut message: Message,
    body: &serde_json::Value,
) -> ApiResult<Message> {
    message.delivery_status = Some(DeliveryStatus::Pending);
    conversations::append(state, conversation, &message).await?;
    let credentials =
        credentials::load_version(state, &integration.secret_id, integration.secret_version.as_deref()).await?;
    let outcome = graph::send_body(state, &integration.phone_number_id, &credentials.access_token, body).await;
    match outcome {
        Ok(wamid) => {
            record_sent(state, conversation, &message.id, &wamid).await?;
            message.wamid = Some(wamid);
            message.delivery_status = Some(DeliveryStatus::Sent);
        }
        Err(err) => {
            let error = DeliveryError { code: err.code, title: err.title.clone() };
            wamids::mark_failed(state, conversation, &message.id, &error).await?;
            message.delivery_status = Some(DeliveryStatus::Failed);
            message.delivery_error = Some(error);
        }
    }
    Ok(message)
}

/// Records that a message went out as `wamid`, retried in place with backoff: the message is
/// already out, so a failure here must not fail the caller lightly (its retry would send the
/// message again).
pub async fn record_sent(
    state: &AppState,
    conversation: &Conversation,
    message_id: &crate::ids::MessageId,
    wamid: &crate::ids::Wamid,
) -> anyhow::Result<()> {
    let mut recorded = wamids::mark_sent(state, conversation, message_id, wamid).await;
    for backoff in [100, 400, 1600] {
        let Err(e) = &recorded else { break };
        tracing::warn!(error = %format!("{e:#}"), "recording a sent message failed; trying again");
        tokio::time::sleep(std::time::Duration::from_millis(backoff)).await;
        recorded = wamids::mark_sent(state, conversation, message_id, wamid).await;
    }
    if recorded? == wamids::Sent::Skipped {
        tracing::info!(message_id = %message_id, "sent message not recorded: it is gone or already updated");
    }
    Ok(())
}
