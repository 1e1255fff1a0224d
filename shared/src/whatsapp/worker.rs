//! The reply worker, top to bottom: decode a batch from the inbound queue (a record that can
//! never be read goes to the dead-letter queue at once), store each customer message once,
//! let the bot answer once per burst (one customer's consecutive messages), and deliver the
//! answer with the Graph API. Partial batch responses: a record that must be retried is
//! reported with every record after it, so a conversation never goes out of order.

use std::time::Duration;

use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};

use super::credentials;
use super::graph::{self, GraphError};
use super::payload::Inbound;
use super::queue::{self, QueuedInbound};
use crate::copy::Language;
use crate::state::AppState;
use crate::store::bots::Bot;
use crate::store::conversations::{self, Conversation, DeliveryError, DeliveryStatus, Message, Sender, Source};
use crate::store::wamids::{self, Appended};

/// Attempts per send inside one invocation before the record goes back to the queue.
const SEND_ATTEMPTS: u32 = 3;

/// Why a burst must be tried again: AWS, Meta or the LLM provider failed for now.
#[derive(Debug)]
struct Retry(String);

impl<E: std::fmt::Display> From<E> for Retry
where
    E: Into<anyhow::Error>,
{
    fn from(e: E) -> Self {
        Retry(format!("{:#}", Into::<anyhow::Error>::into(e)))
    }
}

/// A queue record and the message it carries.
struct Record<'a> {
    sqs: &'a SqsMessage,
    queued: QueuedInbound,
}

impl Record<'_> {
    fn group(&self) -> String {
        queue::group_of(self.sqs)
            .unwrap_or_else(|| queue::group_id(&self.queued.inbound.phone_number_id, &self.queued.inbound.from))
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
    let mut failures = Vec::new();
    let mut deferred = Vec::new();
    let failure = |id: String| {
        let mut f = BatchItemFailure::default();
        f.item_identifier = id;
        f
    };
    // Decode: a record no retry can read goes to the dead-letter queue now (if even that fails,
    // it and everything after it go back to the queue).
    let mut records = Vec::with_capacity(event.records.len());
    for (index, sqs) in event.records.iter().enumerate() {
        match queue::decode(sqs) {
            Ok(queued) => records.push(Record { sqs, queued }),
            Err(unreadable) => {
                if let Err(e) = queue::dead_letter(state, sqs, &unreadable.to_string()).await {
                    tracing::warn!(error = %format!("{e:#}"), "retrying from an unreadable record on");
                    failures.extend(event.records[index..].iter().filter_map(|r| r.message_id.clone()).map(failure));
                    break;
                }
            }
        }
    }
    let mut i = 0;
    while i < records.len() {
        // Consecutive records of one customer (same message group) form a burst.
        let group = records[i].group();
        let mut j = i + 1;
        while j < records.len() && records[j].group() == group {
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
                let ids: Vec<String> = burst.iter().filter_map(|r| r.sqs.message_id.clone()).collect();
                failures.extend(ids.iter().cloned().map(failure));
                deferred.extend(ids);
            }
            Ok(false) => {}
            Err(Retry(cause)) => {
                tracing::warn!(cause = %cause, records = records.len() - i, "retrying from this record on");
                failures.extend(records[i..].iter().filter_map(|r| r.sqs.message_id.clone()).map(failure));
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
fn quiet_for(state: &AppState, burst: &[Record]) -> Option<Duration> {
    let window = state.config.whatsapp_quiet_window_ms;
    let attribute = |r: &Record, name: &str| r.sqs.attributes.get(name).and_then(|v| v.parse::<i64>().ok());
    let newest = burst.iter().filter_map(|r| attribute(r, "SentTimestamp")).max()?;
    let waited = burst.iter().filter_map(|r| attribute(r, "ApproximateReceiveCount")).max().unwrap_or(1) - 1;
    let elapsed = crate::ids::now().unix_timestamp_nanos() / 1_000_000 - i128::from(newest);
    let left = i128::from(window) - elapsed;
    (window > 0 && left > 0 && waited < i64::from(MAX_QUIET_WAITS)).then(|| Duration::from_millis(left as u64))
}

/// Lets a burst wait out its customer's quiet window: the read receipt and typing indicator go
/// out now (the first time), and the records come back when the window ends, with whatever
/// the customer wrote meanwhile behind them in their FIFO group.
async fn wait_for_quiet(state: &AppState, burst: &[Record<'_>], wait: Duration) -> Result<(), Retry> {
    use anyhow::Context;
    let queue_url = state.config.inbound_queue_url.as_deref().context("INBOUND_QUEUE_URL is not set")?;
    let first_time = burst.iter().all(|r| r.sqs.attributes.get("ApproximateReceiveCount").is_none_or(|c| c == "1"));
    let last = burst.last().map(|r| &r.queued);
    if first_time && let Some(q) = last {
        let active = crate::store::bots::get_bot(state, &q.tenant_id, &q.bot_id).await?.is_some_and(|b| b.is_active);
        let found = if active {
            Some(credentials::load_if_present(state, &q.secret_id, q.secret_version.as_deref()).await?)
        } else {
            None
        };
        if let Some(credentials::Found::Credentials(creds)) = found {
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
                .receipt_handle(r.sqs.receipt_handle.as_deref()?)
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
        return Err(Retry(format!("{} records could not be deferred", out.failed.len())));
    }
    tracing::info!(records = burst.len(), seconds, "waiting for the customer's quiet window");
    Ok(())
}

async fn handle_burst(state: &AppState, burst: &[Record<'_>]) -> Result<(), Retry> {
    let mut queued: Vec<QueuedInbound> = burst.iter().map(|r| r.queued.clone()).collect();
    let first = &queued[0];
    // The bot, the tenant (its name goes in the prompt) and the customer's conversation (or,
    // the first time this container sees the customer, the pointer to it) in one round trip.
    let customer = (first.tenant_id.clone(), first.bot_id.clone(), first.inbound.from.clone());
    let cached = state.caches.conversations.get(&customer);
    let context = crate::store::customers::customer_context(
        state,
        &first.tenant_id,
        &first.bot_id,
        Source::Whatsapp,
        &first.inbound.from,
        cached.as_ref(),
    )
    .await?;
    let Some(bot) = context.bot else {
        tracing::warn!(bot_id = %first.bot_id, "inbound message for a deleted bot; dropped");
        return Ok(());
    };
    let business = context.tenant.map(|t| t.name).unwrap_or_default();
    // A connection removed while its messages were queued: they are kept for the team (without
    // media, which only the token could fetch) and not answered; no retry would change that.
    let creds = match credentials::load_if_present(state, &first.secret_id, first.secret_version.as_deref()).await? {
        credentials::Found::Credentials(c) => Some(c),
        credentials::Found::Gone => {
            tracing::warn!(bot_id = %bot.id, "inbound message for a removed WhatsApp connection; stored, not answered");
            None
        }
    };
    let mut conversation = match context.conversation {
        Some(c) => c,
        None => {
            // Not cached, or the conversation was deleted since: find (or start) it.
            let contact = queued.iter().rev().find_map(|q| q.inbound.contact_name.clone());
            conversations::find_or_create_hinted(
                state,
                &bot.tenant_id,
                &bot.id,
                Source::Whatsapp,
                &first.inbound.from,
                contact.as_deref(),
                context.pointed.as_ref(),
            )
            .await?
            .0
        }
    };
    state.caches.conversations.insert(customer, conversation.id.clone());

    // Media is copied out of Meta before the message is stored with it (a voice note becomes
    // words to answer when transcription is configured).
    let mut media = Vec::with_capacity(queued.len());
    for q in &mut queued {
        media.push(match &creds {
            Some(c) => fetch_media(state, q, &c.access_token).await?,
            None => None,
        });
    }
    let mut stored = Vec::new();
    let mut last_fresh = false;
    for (q, media) in queued.iter().zip(media) {
        let (c, message, fresh) = store_inbound(state, conversation, &q.inbound, media, bot.reopen_to_bot).await?;
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
    let Some(creds) = creds else { return Ok(()) };
    if let Err(e) = graph::mark_read_typing(state, &last.phone_number_id, &creds.access_token, &last.wamid).await {
        tracing::info!(code = e.code, "could not mark read (not needed for the reply)");
    }

    // One reply per burst, remembered under the burst's last wamid. A reply marker can only
    // exist if the last message was stored by an earlier attempt.
    let earlier = if last_fresh { None } else { wamids::earlier_reply(state, &bot.tenant_id, &last.wamid).await? };
    let here = conversation.clone();
    let reply = match earlier {
        Some((marker, reply)) => {
            // An earlier attempt stored the reply and may have died before finishing its turn.
            if let Some(r) = &reply
                && marker.conversation_id == here.id
            {
                crate::turn::finish_stored_turn(state, &bot, &here, &r.id).await?;
            }
            reply
        }
        None => compose(state, &bot, &business, conversation, &queued, &stored, &last.wamid).await?,
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
                .ok_or_else(|| Retry("the conversation disappeared".into()))?
        };
        send(state, &conversation, &reply, bot.language, &last.phone_number_id, &creds.access_token).await?;
    }
    Ok(())
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
    if wamids::stored_earlier(state, &q.inbound.wamid).await? {
        return Ok(None);
    }
    let Some((media, bytes)) = super::media::fetch(state, &q.tenant_id, &q.inbound, token).await else {
        return Ok(None);
    };
    if q.inbound.kind == conversations::MessageType::Audio
        && !bytes.is_empty()
        && let Some(text) =
            super::media::transcribe(state, &bytes, media.mime_type.as_deref().unwrap_or("audio/ogg")).await
    {
        q.inbound.text = text.chars().take(4096).collect();
        q.inbound.has_caption = true;
    }
    Ok(Some(media))
}

/// Stores an inbound message unless a previous attempt did. Returns the conversation, the
/// message as stored, and whether this attempt stored it.
async fn store_inbound(
    state: &AppState,
    conversation: Conversation,
    inbound: &Inbound,
    media: Option<super::media::Media>,
    reopen_to_bot: bool,
) -> Result<(Conversation, Message, bool), Retry> {
    let mut message = Message::new(&conversation.id, Sender::User, inbound.text.clone());
    message.message_type = inbound.kind;
    message.wamid = Some(inbound.wamid.clone());
    message.media_id = inbound.media_id.clone();
    message.media = media;
    Ok(match wamids::append_inbound_once(state, &conversation, &message, &inbound.wamid, reopen_to_bot).await? {
        Appended::Stored(c) => (c, message, true),
        Appended::AlreadyStored(c, existing) => (c, *existing, false),
    })
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
    last_wamid: &crate::ids::Wamid,
) -> Result<Option<Message>, Retry> {
    if conversation.status != conversations::Status::Bot {
        return Ok(None);
    }
    let answerable: Vec<&Inbound> = queued.iter().map(|q| &q.inbound).filter(|i| i.answerable()).collect();
    let only_reactions = queued.iter().all(|q| q.inbound.kind == conversations::MessageType::Reaction);
    if only_reactions {
        return Ok(None);
    }
    let last_stored = stored.last().expect("a burst has a message");
    let conversation_id = conversation.id.clone();
    let marker = |reply_id: &crate::ids::MessageId| wamids::reply_marker(state, last_wamid, &conversation_id, reply_id);
    // Another attempt stored the reply first: use that one.
    let earlier = || async {
        let (_, message) = wamids::earlier_reply(state, &bot.tenant_id, last_wamid)
            .await?
            .ok_or_else(|| Retry("a refused reply has no marker".into()))?;
        Ok::<_, Retry>(message)
    };
    if answerable.is_empty() {
        // Media only: say (in the bot's language) that only text can be answered for now.
        let mut reply = Message::new(&conversation.id, Sender::Bot, crate::copy::media_only(bot.language));
        reply.delivery_status = Some(DeliveryStatus::Pending);
        return match conversations::append_guarded(
            state,
            &conversation,
            &reply,
            vec![marker(&reply.id)?],
            Default::default(),
        )
        .await?
        {
            Some(_) => Ok(Some(reply)),
            None => earlier().await,
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
        conversations::set_needs_attention(state, &conversation, true).await?;
        return Ok(None);
    }
    // A burst is answered as one message: the fragments joined, in order.
    let text = answerable.iter().map(|i| i.text.as_str()).collect::<Vec<_>>().join("\n");
    let stored_ids: Vec<crate::ids::MessageId> = stored.iter().map(|m| m.id.clone()).collect();
    let turned = crate::turn::take_turn_with(
        state,
        bot,
        business,
        conversation,
        crate::turn::TurnInput { text, exclude_ids: stored_ids, last_user_message_id: last_stored.id.clone() },
        Some(&marker),
    )
    .await;
    match turned? {
        Some(t) => Ok(t.reply),
        None => earlier().await,
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
            crate::copy::choices_button(language),
        );
        match graph::send_body(state, phone_number_id, token, &body).await {
            Ok(wamid) => {
                // The message is out: recording it must not fail lightly, or a retry of the
                // record would send it again.
                super::record_sent(state, conversation, &reply.id, &wamid).await?;
                tracing::info!(conversation_id = %conversation.id, attempt, "reply sent");
                return Ok(());
            }
            Err(e) if e.retryable => {
                tracing::warn!(code = e.code, attempt, "temporary Graph API error");
                last_error = Some(e);
            }
            Err(e) => {
                tracing::warn!(code = e.code, "permanent Graph API error; the reply is marked failed");
                let error = DeliveryError { code: e.code, title: e.title };
                wamids::mark_failed(state, conversation, &reply.id, &error).await?;
                return Ok(());
            }
        }
    }
    let e = last_error.expect("attempts were made");
    let error = DeliveryError { code: e.code, title: e.title.clone() };
    wamids::mark_failed(state, conversation, &reply.id, &error).await?;
    Err(Retry(format!("Graph API {}: {}", e.code, e.title)))
}
