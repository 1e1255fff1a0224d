//! The inbound queue between the webhook and the reply worker: what a queued message holds,
//! how the webhook puts one on (once per wamid), how the worker reads one back, and where a
//! record that can never be handled goes (the dead-letter queue, at once).
//!
//! The queue is FIFO with one message group per customer and number, so a customer's messages
//! are answered in order while different customers are answered in parallel.

use anyhow::Context;
use aws_lambda_events::event::sqs::SqsMessage;
use serde::{Deserialize, Serialize};

use super::payload::Inbound;
use crate::config::Config;
use crate::state::AppState;
use crate::store::wamids::{self, Claimed};
use crate::store::whatsapp::PhoneRoute;

/// What the webhook queues for the worker: the message and where it belongs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueuedInbound {
    pub tenant_id: crate::ids::TenantId,
    pub bot_id: crate::ids::BotId,
    pub secret_id: String,
    /// The secret version the route pointed at when the message arrived (absent: the current).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_version: Option<String>,
    pub inbound: Inbound,
}

/// What [`enqueue`] did with an inbound message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enqueued {
    Queued,
    /// Meta delivered this wamid before: it is already queued (or answered).
    Duplicate,
}

/// The message group of a customer writing to a number.
pub fn group_id(phone_number_id: &str, from: &str) -> String {
    format!("{phone_number_id}:{from}")
}

/// Queues an inbound message once per wamid: the wamid is claimed first, and if queueing then
/// fails the claim is released again so Meta's retry gets through.
pub async fn enqueue(state: &AppState, route: &PhoneRoute, inbound: Inbound) -> anyhow::Result<Enqueued> {
    if wamids::claim_inbound(state, &inbound.wamid).await? == Claimed::Duplicate {
        return Ok(Enqueued::Duplicate);
    }
    let queue_url = state.config.inbound_queue_url.as_deref().context("INBOUND_QUEUE_URL is not set")?;
    let group = group_id(&inbound.phone_number_id, &inbound.from);
    let dedupe = dedupe_id(&inbound.wamid);
    let wamid = inbound.wamid.clone();
    let message = QueuedInbound {
        tenant_id: route.tenant_id.clone(),
        bot_id: route.bot_id.clone(),
        secret_id: route.secret_id.clone(),
        secret_version: route.secret_version.clone(),
        inbound,
    };
    let sent = state
        .sqs
        .send_message()
        .queue_url(queue_url)
        .message_group_id(group)
        .message_deduplication_id(dedupe)
        .message_body(serde_json::to_string(&message)?)
        .send()
        .await;
    if let Err(e) = sent {
        if let Err(release) = wamids::release_inbound(state, &wamid).await {
            tracing::warn!(error = %format!("{release:#}"), "could not release a wamid after a failed enqueue");
        }
        return Err(anyhow::Error::new(e).context("queueing an inbound message"));
    }
    Ok(Enqueued::Queued)
}

/// SQS deduplication ids are at most 128 characters of a limited alphabet; wamids may be longer.
fn dedupe_id(wamid: &str) -> String {
    if wamid.len() <= 128 && wamid.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-=+/".contains(&b)) {
        wamid.to_string()
    } else {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(wamid.as_bytes()))
    }
}

/// A record whose body is not a queued message: no retry can ever handle it.
#[derive(Debug, thiserror::Error)]
#[error("an unreadable queue record: {0}")]
pub struct Unreadable(String);

/// The queued message a record carries.
pub fn decode(record: &SqsMessage) -> Result<QueuedInbound, Unreadable> {
    let body = record.body.as_deref().ok_or_else(|| Unreadable("no body".into()))?;
    serde_json::from_str(body).map_err(|e| Unreadable(e.to_string()))
}

/// The record's message group (a customer at a number).
pub fn group_of(record: &SqsMessage) -> Option<String> {
    record.attributes.get("MessageGroupId").cloned()
}

/// The dead-letter queue's URL: `INBOUND_DLQ_URL`, or the inbound queue's with `-dlq.fifo`
/// (how the template and the local stack name it).
pub fn dead_letter_url(config: &Config) -> Option<String> {
    config.inbound_dlq_url.clone().or_else(|| {
        let url = config.inbound_queue_url.as_deref()?;
        Some(format!("{}-dlq.fifo", url.strip_suffix(".fifo")?))
    })
}

/// Moves a record that can never be handled to the dead-letter queue now, instead of after the
/// queue's five receives (which would hold its customer's later messages back meanwhile).
pub async fn dead_letter(state: &AppState, record: &SqsMessage, cause: &str) -> anyhow::Result<()> {
    let url = dead_letter_url(&state.config).context("no dead-letter queue is configured")?;
    let id = record.message_id.clone().unwrap_or_else(crate::ids::new_id);
    state
        .sqs
        .send_message()
        .queue_url(url)
        .message_group_id(group_of(record).unwrap_or_else(|| "unreadable".into()))
        .message_deduplication_id(dedupe_id(&id))
        .message_body(record.body.clone().unwrap_or_default())
        .message_attributes(
            "cause",
            aws_sdk_sqs::types::MessageAttributeValue::builder()
                .data_type("String")
                .string_value(cause.chars().take(256).collect::<String>())
                .build()
                .context("a message attribute")?,
        )
        .send()
        .await
        .context("moving a record to the dead-letter queue")?;
    tracing::error!(message_id = %id, cause, "a record that can never be handled went to the dead-letter queue");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_or_odd_wamids_become_a_hash_sqs_accepts() {
        assert_eq!(dedupe_id("wamid.HBgM=="), "wamid.HBgM==");
        let long = "w".repeat(200);
        assert_eq!(dedupe_id(&long).len(), 64);
        assert_eq!(dedupe_id("a b"), dedupe_id("a b"));
        assert_ne!(dedupe_id("a b"), "a b");
    }

    #[test]
    fn an_unreadable_body_is_told_apart_from_a_queued_message() {
        let mut record = SqsMessage::default();
        record.body = Some("{not json".into());
        assert!(decode(&record).is_err());
        record.body = None;
        assert!(decode(&record).is_err());
    }

    #[test]
    fn the_dead_letter_queue_is_named_after_the_inbound_queue() {
        let secret = "s".repeat(32);
        let lookup = |k: &str| match k {
            "TABLE_NAME" => Some("t".to_string()),
            "JWT_SECRET" => Some(secret.clone()),
            _ => None,
        };
        let mut config = Config::from_lookup(lookup).expect("defaults");
        config.inbound_queue_url = Some("http://x/1/svontai-inbound.fifo".into());
        assert_eq!(dead_letter_url(&config).as_deref(), Some("http://x/1/svontai-inbound-dlq.fifo"));
        config.inbound_dlq_url = Some("http://y/dlq.fifo".into());
        assert_eq!(dead_letter_url(&config).as_deref(), Some("http://y/dlq.fifo"));
    }
}
