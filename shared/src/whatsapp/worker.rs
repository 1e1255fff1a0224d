//! The reply worker: consumes the inbound FIFO queue (one message group per customer and
//! number), stores each customer message once, lets the bot answer once per burst, and sends
//! the answer with the Graph API. Partial batch responses: a record that must be retried is
//! reported with every record after it, so a conversation never goes out of order.

use std::time::Duration;

use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use aws_sdk_dynamodb::types::{Put, TransactWriteItem};
use serde::{Deserialize, Serialize};

use super::credentials;
use super::graph::{self, GraphError};
use super::webhook::Inbound;
use crate::handlers::webhook::QueuedInbound;
use crate::keys;
use crate::state::AppState;
use crate::store::bots::{Bot, Language};
use crate::store::conversations::{self, Conversation, DeliveryError, DeliveryStatus, Message, Sender, Source};
use crate::store::tenants::TenantRecord;
use crate::store::{from_item, get, to_item};

/// Attempts per send inside one invocation before the record goes back to the queue.
const SEND_ATTEMPTS: u32 = 3;

/// The marker saying which stored reply answers a burst (keyed by its last wamid).
#[derive(Debug, Serialize, Deserialize)]
struct ReplyMarker {
    message_id: String,
    conversation_id: String,
}

/// Why a group of records must be retried.
#[derive(Debug)]
enum Retry {
    Transient(String),
}

impl<E: std::fmt::Display> From<E> for Retry
where
    E: Into<anyhow::Error>,
{
    fn from(e: E) -> Self {
        Retry::Transient(format!("{:#}", Into::<anyhow::Error>::into(e)))
    }
}

/// Handles one SQS batch (the Lambda entry point).
pub async fn handle(state: &AppState, event: SqsEvent) -> SqsBatchResponse {
    handle_batch(state, event).await.0
}

/// How many times a customer's burst may wait for more fragments before it is answered anyway
/// (each wait is one receive of the queue's `maxReceiveCount` of 5).
const MAX_QUIET_WAITS: u32 = 2;

/// Handles one SQS batch. Besides the response, returns the ids of records deferred for their
/// customer's quiet window: reported as failures so they are not deleted, with their
/// visibility already set to when the window ends (the local poller must leave it).
pub async fn handle_batch(state: &AppState, event: SqsEvent) -> (SqsBatchResponse, Vec<String>) {
    let records = event.records;
    let mut failures = Vec::new();
    let mut deferred = Vec::new();
    let failure = |id: String| {
        let mut f = BatchItemFailure::default();
        f.item_identifier = id;
        f
    };
    let mut i = 0;
    while i < records.len() {
        // Consecutive records of one customer (same message group) form a burst.
        let group = group_of(&records[i]);
        let mut j = i + 1;
        while j < records.len() && group_of(&records[j]) == group {
            j += 1;
        }
        let burst = &records[i..j];
        let outcome = match quiet_for(state, burst) {
            // SQS counts visibility in whole seconds: whole seconds go back to the queue (new
            // fragments can join the burst meanwhile), a last fraction is waited out here.
            Some(wait) if wait >= Duration::from_secs(1) => wait_for_quiet(state, burst, wait).await.map(|()| true),
            Some(rest) => {
                tokio::time::sleep(rest).await;
                handle_burst(state, burst).await.map(|()| false)
            }
            None => handle_burst(state, burst).await.map(|()| false),
        };
        match outcome {
            Ok(true) => {
                let ids: Vec<String> = burst.iter().filter_map(|r| r.message_id.clone()).collect();
                failures.extend(ids.iter().cloned().map(failure));
                deferred.extend(ids);
            }
            Ok(false) => {}
            Err(Retry::Transient(cause)) => {
                tracing::warn!(cause = %cause, records = records.len() - i, "retrying from this record on");
                failures.extend(records[i..].iter().filter_map(|r| r.message_id.clone()).map(failure));
                break;
            }
        }
        i = j;
    }
    let mut response = SqsBatchResponse::default();
    response.batch_item_failures = failures;
    (response, deferred)
}

/// How much longer the burst's customer must stay quiet before the bot answers (`None`: answer
/// now). Measured from the newest fragment's arrival in the queue; a burst that has already
/// waited [`MAX_QUIET_WAITS`] times is answered whatever comes after.
fn quiet_for(state: &AppState, burst: &[SqsMessage]) -> Option<Duration> {
    let window = state.config.whatsapp_quiet_window_ms;
    let attribute = |r: &SqsMessage, name: &str| r.attributes.get(name).and_then(|v| v.parse::<i64>().ok());
    let newest = burst.iter().filter_map(|r| attribute(r, "SentTimestamp")).max()?;
    let waited = burst.iter().filter_map(|r| attribute(r, "ApproximateReceiveCount")).max().unwrap_or(1) - 1;
    let elapsed = crate::ids::now().unix_timestamp_nanos() / 1_000_000 - i128::from(newest);
    let left = i128::from(window) - elapsed;
    (window > 0 && left > 0 && waited < i64::from(MAX_QUIET_WAITS)).then(|| Duration::from_millis(left as u64))
}

/// Lets a burst wait out its customer's quiet window: the read receipt and typing indicator go
/// out now (the first time), and the records come back when the window ends, with whatever
/// the customer wrote meanwhile behind them in their FIFO group.
async fn wait_for_quiet(state: &AppState, burst: &[SqsMessage], wait: Duration) -> Result<(), Retry> {
    use anyhow::Context;
    let queue_url = state.config.inbound_queue_url.as_deref().context("INBOUND_QUEUE_URL is not set")?;
    let first_time = burst.iter().all(|r| r.attributes.get("ApproximateReceiveCount").is_none_or(|c| c == "1"));
    let last = burst.last().and_then(|r| serde_json::from_str::<QueuedInbound>(r.body.as_deref()?).ok());
    if first_time && let Some(q) = last {
        let active = crate::store::bots::get_bot(state, &q.tenant_id, &q.bot_id).await?.is_some_and(|b| b.is_active);
        if active {
            let creds = credentials::load_version(state, &q.secret_id, q.secret_version.as_deref()).await?;
            let read =
                graph::mark_read_typing(state, &q.inbound.phone_number_id, &creds.access_token, &q.inbound.wamid);
            if let Err(e) = read.await {
                tracing::info!(code = e.code, "could not mark read (not needed for the reply)");
            }
        }
    }
    // Whole seconds, rounded down (the rest is waited out when the burst comes back). One batch
    // call, newest record first: the oldest comes back last, so when the burst is received
    // again its later fragments are visible with it (in FIFO order, one batch).
    let seconds = (wait.as_millis() / 1000).max(1) as i32;
    let entries = burst
        .iter()
        .rev()
        .enumerate()
        .filter_map(|(n, r)| {
            aws_sdk_sqs::types::ChangeMessageVisibilityBatchRequestEntry::builder()
                .id(format!("r{n}"))
                .receipt_handle(r.receipt_handle.as_deref()?)
                .visibility_timeout(seconds)
                .build()
                .ok()
        })
        .collect::<Vec<_>>();
    let out = state
        .sqs
        .change_message_visibility_batch()
        .queue_url(queue_url)
        .set_entries(Some(entries))
        .send()
        .await
        .context("deferring a burst to its quiet window's end")?;
    if !out.failed.is_empty() {
        return Err(Retry::Transient(format!("{} records could not be deferred", out.failed.len())));
    }
    tracing::info!(records = burst.len(), seconds, "waiting for the customer's quiet window");
    Ok(())
}

fn group_of(record: &SqsMessage) -> Option<String> {
    record.attributes.get("MessageGroupId").cloned().or_else(|| {
        let q: QueuedInbound = serde_json::from_str(record.body.as_deref()?).ok()?;
        Some(format!("{}:{}", q.inbound.phone_number_id, q.inbound.from))
    })
}

async fn handle_burst(state: &AppState, burst: &[SqsMessage]) -> Result<(), Retry> {
    let mut queued = Vec::new();
    for record in burst {
        match serde_json::from_str::<QueuedInbound>(record.body.as_deref().unwrap_or_default()) {
            Ok(q) => queued.push(q),
            Err(e) => {
                return Err(Retry::Transient(format!("an unreadable record (kept for the dead-letter queue): {e}")));
            }
        }
    }
    let first = &queued[0];
    // The bot, the tenant (its name goes in the prompt) and the customer's conversation (or,
    // the first time this container sees the customer, the pointer to it) in one round trip.
    let pointer_key = keys::visitor(&first.tenant_id, &first.bot_id, Source::Whatsapp.as_str(), &first.inbound.from);
    let cached = known_conversation(&pointer_key);
    let third = match &cached {
        Some(id) => keys::conversation(&first.tenant_id, id),
        None => pointer_key.clone(),
    };
    let [bot_item, tenant_item, third_item]: [Option<crate::store::Item>; 3] = crate::store::batch::get_many(
        state,
        &[keys::bot(&first.tenant_id, &first.bot_id), keys::tenant(&first.tenant_id), third],
    )
    .await?
    .try_into()
    .map_err(|_| Retry::Transient("a batch read returned the wrong number of items".into()))?;
    let bot = bot_item.map(from_item::<Bot>).transpose()?.filter(|b| !b.deleting);
    let Some(bot) = bot else {
        tracing::warn!(bot_id = %first.bot_id, "inbound message for a deleted bot; dropped");
        return Ok(());
    };
    let business = tenant_item.map(from_item::<TenantRecord>).transpose()?.map(|t| t.name).unwrap_or_default();
    let creds = credentials::load_version(state, &first.secret_id, first.secret_version.as_deref()).await?;
    let mut conversation = match (cached, third_item) {
        (Some(_), Some(item)) => from_item::<Conversation>(item)?,
        (cached, item) => {
            // Not cached, or the conversation was deleted since: find (or start) it.
            let hint = if cached.is_none() { item.map(conversations::pointed_conversation).transpose()? } else { None };
            let contact = queued.iter().rev().find_map(|q| q.inbound.contact_name.clone());
            conversations::find_or_create_hinted(
                state,
                &bot.tenant_id,
                &bot.id,
                Source::Whatsapp,
                &first.inbound.from,
                contact.as_deref(),
                hint.as_deref(),
            )
            .await?
            .0
        }
    };
    remember_conversation(pointer_key, &conversation.id);

    // Media is copied out of Meta before the message is stored with it (a voice note becomes
    // words to answer when transcription is configured).
    let mut media = Vec::with_capacity(queued.len());
    for q in &mut queued {
        media.push(fetch_media(state, q, &creds.access_token).await?);
    }
    let mut stored = Vec::new();
    let mut last_fresh = false;
    for (q, media) in queued.iter().zip(media) {
        let (c, message, fresh) = store_inbound(state, conversation, &q.inbound, media).await?;
        conversation = c;
        stored.push(message);
        last_fresh = fresh;
    }
    let last = &queued[queued.len() - 1].inbound;
    // An inactive bot keeps the messages for the team, and neither types nor answers.
    if !bot.is_active {
        tracing::info!(bot_id = %bot.id, "inbound message for an inactive bot; stored, not answered");
        return Ok(());
    }
    if let Err(e) = graph::mark_read_typing(state, &last.phone_number_id, &creds.access_token, &last.wamid).await {
        tracing::info!(code = e.code, "could not mark read (not needed for the reply)");
    }

    // One reply per burst, remembered under the burst's last wamid.
    // A reply marker can only exist if the last message was stored by an earlier attempt.
    let marker_key = keys::whatsapp_inbound_marker(&last.wamid, "REPLY");
    let earlier = if last_fresh { None } else { get::<ReplyMarker>(state, &marker_key).await? };
    let here = conversation.clone();
    let reply = match earlier {
        Some(marker) => {
            let reply =
                conversations::get_message(state, &bot.tenant_id, &marker.conversation_id, &marker.message_id).await?;
            // An earlier attempt stored the reply and may have died before finishing its turn.
            if let Some(r) = &reply
                && marker.conversation_id == here.id
            {
                crate::assistant::finish_stored_turn(state, &bot, &here, &r.id).await?;
            }
            reply
        }
        None => compose(state, &bot, &business, conversation, &queued, &stored, &marker_key).await?,
    };
    let Some(reply) = reply else { return Ok(()) };
    state.faults.check("before_send")?;
    if matches!(reply.delivery_status, Some(DeliveryStatus::Pending) | None) || reply_failed_retryably(&reply) {
        // Sending needs only the conversation's ids and customer, which never change.
        let conversation = if reply.conversation_id == here.id {
            here
        } else {
            conversations::get_conversation(state, &bot.tenant_id, &reply.conversation_id)
                .await?
                .ok_or_else(|| Retry::Transient("the conversation disappeared".into()))?
        };
        send(state, &conversation, &reply, bot.language, &last.phone_number_id, &creds.access_token).await?;
    }
    Ok(())
}

/// Which conversation each customer has, per warm container: a pointer never changes while
/// its conversation exists, and a deleted conversation is noticed (and looked up again) on read.
fn pointers() -> &'static std::sync::Mutex<std::collections::HashMap<(String, String), String>> {
    static POINTERS: std::sync::OnceLock<std::sync::Mutex<std::collections::HashMap<(String, String), String>>> =
        std::sync::OnceLock::new();
    POINTERS.get_or_init(Default::default)
}

const POINTER_CACHE_LIMIT: usize = 10_000;

fn known_conversation(pointer_key: &(String, String)) -> Option<String> {
    pointers().lock().ok()?.get(pointer_key).cloned()
}

fn remember_conversation(pointer_key: (String, String), conversation_id: &str) {
    if let Ok(mut map) = pointers().lock() {
        if map.len() >= POINTER_CACHE_LIMIT && !map.contains_key(&pointer_key) {
            map.clear();
        }
        map.insert(pointer_key, conversation_id.to_string());
    }
}

fn reply_failed_retryably(reply: &Message) -> bool {
    reply.delivery_status == Some(DeliveryStatus::Failed)
        && reply.delivery_error.as_ref().is_some_and(|e| graph::is_temporary(e.code))
}

/// Stores an inbound message unless a previous attempt did (a `STORED` marker goes in the same
/// transaction). Returns the conversation, the message as stored, and whether this attempt
/// stored it.
/// Copies a queued message's media into the bucket, unless an earlier attempt already stored
/// the message; a voice note's transcript becomes its text.
async fn fetch_media(
    state: &AppState,
    q: &mut QueuedInbound,
    token: &str,
) -> Result<Option<super::media::Media>, Retry> {
    if q.inbound.media_id.is_none() || super::media::size_limit(q.inbound.kind).is_none() {
        return Ok(None);
    }
    let marker = keys::whatsapp_inbound_marker(&q.inbound.wamid, "STORED");
    if get::<ReplyMarker>(state, &marker).await?.is_some() {
        return Ok(None);
    }
    let Some((media, bytes)) = super::media::fetch(state, &q.tenant_id, &q.inbound, token).await else {
        return Ok(None);
    };
    if q.inbound.kind == super::webhook::InboundKind::Audio
        && !bytes.is_empty()
        && let Some(text) =
            super::media::transcribe(state, &bytes, media.mime_type.as_deref().unwrap_or("audio/ogg")).await
    {
        q.inbound.text = text.chars().take(4096).collect();
        q.inbound.has_caption = true;
    }
    Ok(Some(media))
}

async fn store_inbound(
    state: &AppState,
    conversation: Conversation,
    inbound: &Inbound,
    media: Option<super::media::Media>,
) -> Result<(Conversation, Message, bool), Retry> {
    let mut message = Message::new(&conversation.id, Sender::User, inbound.text.clone());
    message.message_type = inbound.kind.message_type();
    message.wamid = Some(inbound.wamid.clone());
    message.media_id = inbound.media_id.clone();
    message.media = media;
    let mut marker = to_item(
        &ReplyMarker { message_id: message.id.clone(), conversation_id: conversation.id.clone() },
        keys::whatsapp_inbound_marker(&inbound.wamid, "STORED"),
        "wamid_stored",
    )?;
    marker.insert(keys::EXPIRES_AT.into(), crate::store::n(crate::ids::epoch_secs() + 8 * 24 * 3600));
    let guard = TransactWriteItem::builder()
        .put(
            Put::builder()
                .table_name(state.table())
                .set_item(Some(marker))
                .condition_expression("attribute_not_exists(PK)")
                .build()
                .expect("complete"),
        )
        .build();
    match conversations::append_with(state, &conversation, &message, vec![guard]).await {
        Ok(c) => Ok((c, message, true)),
        Err(e)
            if e.downcast_ref::<aws_sdk_dynamodb::error::SdkError<
                aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError,
            >>()
            .is_some_and(|e| crate::store::cancellation_reasons(e).is_some()) =>
        {
            // Stored by an earlier attempt: use that one.
            let prior: ReplyMarker = get(state, &keys::whatsapp_inbound_marker(&inbound.wamid, "STORED"))
                .await?
                .ok_or_else(|| Retry::Transient("a stored marker vanished".into()))?;
            let existing =
                conversations::get_message(state, &conversation.tenant_id, &prior.conversation_id, &prior.message_id)
                    .await?
                    .ok_or_else(|| Retry::Transient("a stored message vanished".into()))?;
            let fresh = conversations::get_conversation(state, &conversation.tenant_id, &conversation.id)
                .await?
                .unwrap_or(conversation);
            Ok((fresh, existing, false))
        }
        Err(e) => Err(e.into()),
    }
}

/// The reply to a burst, stored with the burst's `REPLY` marker; `None` when the bot stays
/// silent (a person has the conversation, or only reactions arrived).
async fn compose(
    state: &AppState,
    bot: &Bot,
    business: &str,
    conversation: Conversation,
    queued: &[QueuedInbound],
    stored: &[Message],
    marker_key: &(String, String),
) -> Result<Option<Message>, Retry> {
    if conversation.status != conversations::Status::Bot {
        return Ok(None);
    }
    let answerable: Vec<&Inbound> = queued.iter().map(|q| &q.inbound).filter(|i| i.answerable()).collect();
    let only_reactions = queued.iter().all(|q| q.inbound.kind.as_str() == "reaction");
    if only_reactions {
        return Ok(None);
    }
    let last_stored = stored.last().expect("a burst has a message");
    let conversation_id = conversation.id.clone();
    let marker = |message_id: &str| -> anyhow::Result<TransactWriteItem> {
        let mut item = to_item(
            &ReplyMarker { message_id: message_id.into(), conversation_id: conversation_id.clone() },
            marker_key.clone(),
            "wamid_reply",
        )?;
        item.insert(keys::EXPIRES_AT.into(), crate::store::n(crate::ids::epoch_secs() + 8 * 24 * 3600));
        Ok(TransactWriteItem::builder()
            .put(
                Put::builder()
                    .table_name(state.table())
                    .set_item(Some(item))
                    .condition_expression("attribute_not_exists(PK)")
                    .build()
                    .expect("complete"),
            )
            .build())
    };
    if answerable.is_empty() {
        // Media only: say (in the bot's language) that only text can be answered for now.
        let language = match bot.language {
            Language::Tr => "tr",
            Language::En => "en",
        };
        let mut reply = Message::new(&conversation.id, Sender::Bot, super::webhook::media_reply(language));
        reply.delivery_status = Some(DeliveryStatus::Pending);
        let message_id = reply.id.clone();
        return match conversations::append_with(state, &conversation, &reply, vec![marker(&message_id)?]).await {
            Ok(_) => Ok(Some(reply)),
            Err(e) => match get::<ReplyMarker>(state, marker_key).await? {
                // Another attempt answered first.
                Some(m) => {
                    Ok(conversations::get_message(state, &bot.tenant_id, &m.conversation_id, &m.message_id).await?)
                }
                None => Err(e.into()),
            },
        };
    }
    let allowed = match crate::budget::conversation_allows(state, &conversation) {
        Ok(()) => crate::budget::spend(state, bot, crate::budget::Channel::Whatsapp).await?,
        Err(retry) => Err(retry),
    };
    if let Err(retry_after) = allowed {
        tracing::warn!(
            tenant_id = %bot.tenant_id,
            retry_after,
            "WhatsApp's budget or the conversation's daily limit is used up; the bot does not answer, a person is asked to"
        );
        conversations::set_fields(
            state,
            &conversation,
            &[("needs_attention", aws_sdk_dynamodb::types::AttributeValue::Bool(true))],
        )
        .await?;
        return Ok(None);
    }
    // A burst is answered as one message: the fragments joined, in order.
    let text = answerable.iter().map(|i| i.text.as_str()).collect::<Vec<_>>().join("\n");
    let stored_ids: Vec<String> = stored.iter().map(|m| m.id.clone()).collect();
    let turned = crate::assistant::take_turn_with(
        state,
        bot,
        business,
        conversation,
        crate::assistant::TurnInput { text, exclude_ids: stored_ids, last_user_message_id: last_stored.id.clone() },
        Some(&marker),
    )
    .await;
    match turned {
        Ok(t) => Ok(t.reply),
        // Another attempt stored the reply first: use that one.
        Err(e) if e.downcast_ref::<crate::assistant::AlreadyAnswered>().is_some() => {
            let existing: ReplyMarker =
                get(state, marker_key).await?.ok_or_else(|| Retry::Transient("reply marker vanished".into()))?;
            Ok(conversations::get_message(state, &bot.tenant_id, &existing.conversation_id, &existing.message_id)
                .await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// Sends a stored reply: retried here on temporary errors (Meta's 5xx, throttling, the pair
/// rate limit) with backoff, then left to SQS; permanent errors mark it failed for the dashboard.
async fn send(
    state: &AppState,
    conversation: &Conversation,
    reply: &Message,
    language: Language,
    phone_number_id: &str,
    token: &str,
) -> Result<(), Retry> {
    let mut last_error: Option<GraphError> = None;
    for attempt in 0..SEND_ATTEMPTS {
        if let Some(e) = &last_error {
            // Meta's pair rate limit allows about one message per 6 s to the same user.
            let wait =
                if e.code == 131056 { Duration::from_secs(6) } else { Duration::from_millis(300 * 2u64.pow(attempt)) };
            tokio::time::sleep(wait).await;
        }
        let body = graph::message_body(
            &conversation.external_user_id,
            &reply.content,
            &reply.choices,
            crate::ai::choices_button(language.lang()),
        );
        match graph::send_body(state, phone_number_id, token, &body).await {
            Ok(wamid) => {
                // The message is out: recording it must not fail lightly, or a retry of the
                // record would send it again.
                graph::record_sent_retrying(state, conversation, &reply.id, &wamid).await?;
                tracing::info!(conversation_id = %conversation.id, attempt, "reply sent");
                return Ok(());
            }
            Err(e) if e.retryable => {
                tracing::warn!(code = e.code, attempt, "temporary Graph API error");
                last_error = Some(e);
            }
            Err(e) => {
                tracing::warn!(code = e.code, "permanent Graph API error; the reply is marked failed");
                graph::record_failed(state, conversation, &reply.id, &DeliveryError { code: e.code, title: e.title })
                    .await?;
                return Ok(());
            }
        }
    }
    let e = last_error.expect("attempts were made");
    graph::record_failed(state, conversation, &reply.id, &DeliveryError { code: e.code, title: e.title.clone() })
        .await?;
    Err(Retry::Transient(format!("Graph API {}: {}", e.code, e.title)))
}
