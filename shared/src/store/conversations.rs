//! Conversations and their messages: one partition per conversation, messages sorted by id.

use std::collections::BTreeMap;

use anyhow::Context;
use aws_sdk_dynamodb::types::{AttributeValue, Put, TransactWriteItem, Update};
use serde::{Deserialize, Serialize};

use super::counters::{self, Counter, day_of};
use super::metrics::{self, Delta, Metric, Timing};
use super::page::{Listing, Page, query_all, query_page};
use super::{Write, from_item, get, key_map, n, put_new, s, to_item, with_gsi1};
use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Whatsapp,
    WebWidget,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Whatsapp => "whatsapp",
            Self::WebWidget => "web_widget",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The bot answers.
    Bot,
    /// A human has the conversation; the bot stays silent until an operator resumes it.
    HandedOff,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sender {
    User,
    Bot,
    Operator,
    System,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageType {
    Text,
    /// A tapped reply button or list row; `button` is how WhatsApp names a template's quick
    /// reply (queued messages from before the two were one kind say so too).
    #[serde(alias = "button")]
    Interactive,
    Image,
    Audio,
    Video,
    Document,
    Sticker,
    Location,
    Contacts,
    Reaction,
    /// An approved WhatsApp message template (the only kind allowed outside the 24-hour window).
    Template,
    Unsupported,
}

impl MessageType {
    /// Whether the bot answers it (text, or the title of a tapped button or list row).
    pub fn answerable(self) -> bool {
        matches!(self, Self::Text | Self::Interactive)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaStatus {
    /// In the media bucket.
    Stored,
    /// Meta could not give it to us (expired, failed, too large): the message is kept without it.
    Unavailable,
}

/// A message's media, as stored (the dashboard gets a short-lived `url` with it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Media {
    pub status: MediaStatus,
    pub mime_type: Option<String>,
    pub size: Option<u64>,
    /// SHA-256 of the stored bytes (hex), checked against Meta's.
    pub sha256: Option<String>,
    /// The object key in the media bucket (`tenants/{tenant_id}/media/…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Why it is unavailable, in plain words (for the team).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// A presigned link, added when the dashboard lists messages (never stored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Delivery of an outbound WhatsApp message; the order is the order statuses may move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    Pending,
    Sent,
    Delivered,
    Read,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryError {
    pub code: i64,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Conversation {
    pub id: crate::ids::ConversationId,
    pub tenant_id: crate::ids::TenantId,
    pub bot_id: crate::ids::BotId,
    pub source: Source,
    pub external_user_id: String,
    pub contact_name: Option<String>,
    pub status: Status,
    pub last_message_preview: String,
    pub last_message_at: String,
    pub message_count: u64,
    pub has_lead: bool,
    pub lead_id: Option<crate::ids::LeadId>,
    /// The bot could not answer something: a human should look.
    pub needs_attention: bool,
    /// The customer was told a person will follow (told once per handoff).
    #[serde(default)]
    pub handoff_notified: bool,
    /// Last message from the customer (WhatsApp's 24-hour customer-service window).
    #[serde(default)]
    pub last_inbound_at: Option<String>,
    #[serde(default)]
    pub metadata: BTreeMap<String, String>,
    pub created_at: String,
    /// The UTC day (`YYYY-MM-DD`) `answers_today` counts the bot's answers of (the daily
    /// limit per conversation, `budget::conversation_allows`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers_on: Option<String>,
    #[serde(default)]
    pub answers_today: u64,
    /// A booking the customer is in the middle of (the guided flow).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking: Option<crate::calendar::flow::BookingFlow>,
    /// The member who answers it (absent: nobody yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee_id: Option<crate::ids::UserId>,
    /// Customer messages since someone on the team last read the conversation.
    #[serde(default)]
    pub unread: u64,
    /// When it was resolved (while `status` is `closed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<String>,
    /// The customer's first message (the bot's first response time runs from it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_inbound_at: Option<String>,
    /// The bot has replied at least once (its first response time is measured).
    #[serde(default)]
    pub bot_replied: bool,
    /// Since when the customer waits for a person (a handoff or a reopening, until an
    /// operator's first reply).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting_since: Option<String>,
    /// A person took part (counted once in the numbers that matter).
    #[serde(default)]
    pub person_involved: bool,
    /// When the customer last reopened it (time to resolve runs from it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reopened_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Message {
    pub id: crate::ids::MessageId,
    pub conversation_id: crate::ids::ConversationId,
    pub sender: Sender,
    pub content: String,
    pub message_type: MessageType,
    pub created_at: String,
    pub delivery_status: Option<DeliveryStatus>,
    pub delivery_error: Option<DeliveryError>,
    #[serde(default)]
    pub knowledge_item_ids: Vec<String>,
    /// WhatsApp message id (inbound or outbound).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wamid: Option<crate::ids::Wamid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_id: Option<String>,
    /// What a WhatsApp customer sent besides text (an image, a voice note…), as copied to the
    /// media bucket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<Media>,
    /// Answers the bot offered to tap (reply buttons or a list on WhatsApp).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

impl Message {
    pub fn new(conversation_id: &crate::ids::ConversationId, sender: Sender, content: impl Into<String>) -> Self {
        Self {
            id: crate::ids::MessageId::generate(),
            conversation_id: conversation_id.into(),
            sender,
            content: content.into(),
            message_type: MessageType::Text,
            created_at: crate::ids::now_rfc3339(),
            delivery_status: None,
            delivery_error: None,
            knowledge_item_ids: vec![],
            wamid: None,
            media_id: None,
            media: None,
            choices: vec![],
        }
    }
}

impl Conversation {
    /// A new conversation of a visitor (or WhatsApp user) with a bot, with the bot answering.
    pub fn fresh(
        tenant_id: &crate::ids::TenantId,
        bot_id: &crate::ids::BotId,
        source: Source,
        external_user_id: &str,
        contact_name: Option<&str>,
    ) -> Self {
        let now = crate::ids::now_rfc3339();
        Conversation {
            id: crate::ids::ConversationId::generate(),
            tenant_id: tenant_id.clone(),
            bot_id: bot_id.clone(),
            source,
            external_user_id: external_user_id.into(),
            contact_name: contact_name.map(str::to_owned),
            status: Status::Bot,
            last_message_preview: String::new(),
            last_message_at: now.clone(),
            message_count: 0,
            has_lead: false,
            lead_id: None,
            needs_attention: false,
            handoff_notified: false,
            last_inbound_at: None,
            metadata: BTreeMap::new(),
            created_at: now,
            answers_on: None,
            answers_today: 0,
            booking: None,
            assignee_id: None,
            unread: 0,
            resolved_at: None,
            first_inbound_at: None,
            bot_replied: false,
            waiting_since: None,
            person_involved: false,
            reopened_at: None,
        }
    }
}

/// The pointer from a visitor (or WhatsApp user) to their conversation with a bot.
#[derive(Debug, Serialize, Deserialize)]
struct VisitorPointer {
    conversation_id: crate::ids::ConversationId,
}

pub const PREVIEW_CHARS: usize = 120;

fn preview(text: &str) -> String {
    let mut p: String = text.chars().take(PREVIEW_CHARS).collect();
    if text.chars().count() > PREVIEW_CHARS {
        p.push('…');
    }
    p
}

fn conversation_item(c: &Conversation) -> anyhow::Result<super::Item> {
    let mut item = with_gsi1(
        to_item(c, keys::conversation(&c.tenant_id, &c.id), "conversation")?,
        keys::conversation_gsi1(&c.tenant_id, &c.bot_id, &c.id, &c.id),
    );
    let (pk, sk) = keys::conversation_gsi2(&c.tenant_id, c.status == Status::Closed, &c.id, &c.id);
    item.insert(keys::GSI2PK.into(), s(pk));
    item.insert(keys::GSI2SK.into(), s(sk));
    Ok(item)
}

pub async fn get_conversation(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    conversation_id: &crate::ids::ConversationId,
) -> anyhow::Result<Option<Conversation>> {
    get(state, &keys::conversation(tenant_id, conversation_id)).await
}

/// The visitor's conversation with the bot, created on first contact. Safe under concurrency:
/// the pointer is written with a condition, and a loser reads the winner's conversation.
pub async fn find_or_create(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    source: Source,
    external_user_id: &str,
    contact_name: Option<&str>,
) -> anyhow::Result<(Conversation, bool)> {
    find_or_create_hinted(state, tenant_id, bot_id, source, external_user_id, contact_name, None).await
}

/// The id of the conversation a visitor pointer item (read with [`keys::visitor`]) names.
pub fn pointed_conversation(item: super::Item) -> anyhow::Result<crate::ids::ConversationId> {
    Ok(from_item::<VisitorPointer>(item)?.conversation_id)
}

/// [`find_or_create`] when the caller already read the visitor pointer (in a batch with other
/// items): `hint` is the conversation it named.
pub async fn find_or_create_hinted(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    source: Source,
    external_user_id: &str,
    contact_name: Option<&str>,
    hint: Option<&crate::ids::ConversationId>,
) -> anyhow::Result<(Conversation, bool)> {
    if let Some(id) = hint
        && let Some(c) = get_conversation(state, tenant_id, id).await?
    {
        return Ok((c, false));
    }
    let pointer_key = keys::visitor(tenant_id, bot_id, source.as_str(), external_user_id);
    for _ in 0..3 {
        if let Some(pointer) = get::<VisitorPointer>(state, &pointer_key).await?
            && let Some(c) = get_conversation(state, tenant_id, &pointer.conversation_id).await?
        {
            return Ok((c, false));
        }
        let conversation = Conversation::fresh(tenant_id, bot_id, source, external_user_id, contact_name);
        let now = conversation.created_at.clone();
        let table = state.table();
        let pointer =
            to_item(&VisitorPointer { conversation_id: conversation.id.clone() }, pointer_key.clone(), "visitor")?;
        let pointer_put = Put::builder()
            .table_name(table)
            .set_item(Some(pointer))
            .condition_expression("attribute_not_exists(PK)")
            .build()
            .expect("complete");
        let mut items = vec![
            TransactWriteItem::builder().put(pointer_put).build(),
            put_new(table, conversation_item(&conversation)?),
        ];
        items.extend(counters::bump(table, tenant_id, Some(day_of(&now)), &[(Counter::Conversations, 1)]));
        items.push(metrics::add(
            table,
            tenant_id,
            day_of(&now),
            bot_id,
            source.as_str(),
            &metrics::Delta::count(metrics::Metric::Conversations),
        ));
        match state.dynamo.transact_write_items().set_transact_items(Some(items)).send().await {
            Ok(_) => return Ok((conversation, true)),
            Err(err) if super::cancellation_reasons(&err).is_some() => continue,
            Err(err) => return Err(anyhow::Error::new(err).context("creating a conversation")),
        }
    }
    anyhow::bail!("could not settle the conversation of a visitor after 3 attempts")
}

/// Stores a message and updates the conversation's summary and the counters, atomically.
pub async fn append(state: &AppState, conversation: &Conversation, message: &Message) -> anyhow::Result<Conversation> {
    append_turn(state, conversation, message, vec![], TurnEffects::default()).await?.context("the conversation is gone")
}

/// What a bot's turn decided about its conversation, written in the transaction that stores
/// the reply: a retried turn finds them all applied, or none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TurnEffects {
    /// Hand the conversation to a person (counts a handoff; the customer was told in the reply).
    pub handoff: bool,
    /// Flag the conversation for the team (a handoff, or a question the bot could not answer).
    pub needs_attention: bool,
    /// Where the customer now is in booking an appointment.
    pub booking: BookingChange,
    /// A customer's message to a resolved conversation gives it back to the bot (the bot's
    /// setting) instead of to the team.
    pub reopen_to_bot: bool,
}

/// What a turn does to the conversation's booking flow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum BookingChange {
    #[default]
    Keep,
    Set(Box<crate::calendar::flow::BookingFlow>),
    Clear,
}

/// Stores a message with guards that must hold in the same transaction (a marker that the
/// message was stored once). `None`: a guard (or the conversation's existence) failed and
/// nothing was written.
pub async fn append_guarded(
    state: &AppState,
    conversation: &Conversation,
    message: &Message,
    guards: Vec<Write>,
    effects: TurnEffects,
) -> anyhow::Result<Option<Conversation>> {
    append_turn(state, conversation, message, guards, effects).await
}

/// Stores a bot's reply together with what its turn decided (`effects`) and `extra` writes
/// (a reply marker, a knowledge gap's count, the contact details collected). `None`: a
/// condition failed and nothing was written.
pub async fn append_turn(
    state: &AppState,
    conversation: &Conversation,
    message: &Message,
    extra: Vec<Write>,
    effects: TurnEffects,
) -> anyhow::Result<Option<Conversation>> {
    let table = state.table();
    let tenant_id = &conversation.tenant_id;
    let (gsi1pk, gsi1sk) = keys::conversation_gsi1(tenant_id, &conversation.bot_id, &message.id, &conversation.id);
    let mut set = "message_count = if_not_exists(message_count, :zero) + :one, last_message_preview = :p, \
                   last_message_at = :t, GSI1PK = :g1, GSI1SK = :g2"
        .to_string();
    let mut remove: Vec<&str> = Vec::new();
    // A customer's message moves the conversation up the inbox, counts as unread, and
    // reopens a resolved conversation for the team (the bot stays silent until an operator
    // gives it back); an operator's reply reads it.
    let reopening = message.sender == Sender::User && conversation.status == Status::Closed;
    // Reopened for the bot (its setting): it answers, nobody is flagged or told.
    let to_bot = reopening && effects.reopen_to_bot;
    let reopening = reopening && !to_bot;
    if to_bot {
        set.push_str(", GSI2PK = :open, #s = :bot_status, reopened_at = :t");
        remove.push("resolved_at");
    }
    if message.sender == Sender::User {
        set.push_str(", last_inbound_at = :t, GSI2SK = :inbox, unread = if_not_exists(unread, :zero) + :one");
    }
    if message.sender == Sender::Operator {
        set.push_str(", unread = :zero");
    }
    if reopening {
        set.push_str(", GSI2PK = :open");
        remove.push("resolved_at");
    }
    let entering_handoff = effects.handoff && conversation.status != Status::HandedOff;
    // The numbers that matter: what this message adds, on its day and on the day the
    // conversation began.
    let mut today_delta = Delta::default();
    let mut begun_delta = Delta::default();
    match message.sender {
        Sender::User => {
            today_delta.counts.push((Metric::CustomerMessages, 1));
            if conversation.first_inbound_at.is_none() {
                set.push_str(", first_inbound_at = if_not_exists(first_inbound_at, :t)");
            }
        }
        Sender::Bot => {
            today_delta.counts.push((Metric::BotMessages, 1));
            if effects.needs_attention && !effects.handoff {
                today_delta.counts.push((Metric::Gaps, 1));
            }
            if !conversation.bot_replied {
                let from = conversation.first_inbound_at.as_deref().unwrap_or(&conversation.created_at);
                today_delta
                    .timings
                    .push((Timing::BotFirstResponse, metrics::seconds_between(from, &message.created_at)));
                set.push_str(", bot_replied = :true");
            }
        }
        Sender::Operator => {
            today_delta.counts.push((Metric::OperatorMessages, 1));
            if let Some(since) = &conversation.waiting_since {
                today_delta
                    .timings
                    .push((Timing::HumanFirstResponse, metrics::seconds_between(since, &message.created_at)));
                remove.push("waiting_since");
            }
        }
        Sender::System => {}
    }
    if entering_handoff {
        today_delta.counts.push((Metric::Handoffs, 1));
        if !conversation.person_involved {
            begun_delta.counts.push((Metric::WithPerson, 1));
            set.push_str(", person_involved = :true");
        }
    }
    if entering_handoff || reopening {
        set.push_str(", waiting_since = :t");
    }
    if reopening {
        set.push_str(", reopened_at = :t");
    }
    if effects.handoff {
        set.push_str(", #s = :handed_off, handoff_notified = :true");
    } else if reopening {
        // Nobody told the customer a person will answer: the team sees it in the inbox.
        set.push_str(", #s = :handed_off");
    }
    if effects.needs_attention || reopening {
        set.push_str(", needs_attention = :true");
    }
    // A bot answer counts toward the conversation's daily limit, in this same write.
    let today = day_of(&message.created_at).to_string();
    let counts_answer = message.sender == Sender::Bot;
    let same_day = conversation.answers_on.as_deref() == Some(today.as_str());
    if counts_answer {
        set.push_str(if same_day {
            ", answers_today = if_not_exists(answers_today, :zero) + :one"
        } else {
            ", answers_on = :today, answers_today = :one"
        });
    }
    if matches!(effects.booking, BookingChange::Set(_)) {
        set.push_str(", booking = :booking");
    }
    if effects.booking == BookingChange::Clear {
        remove.push("booking");
    }
    let remove = if remove.is_empty() { String::new() } else { format!(" REMOVE {}", remove.join(", ")) };
    let mut update = Update::builder()
        .table_name(table)
        .set_key(Some(key_map(&keys::conversation(tenant_id, &conversation.id))))
        .update_expression(format!("SET {set}{remove}"))
        .condition_expression("attribute_exists(PK)")
        .expression_attribute_values(":zero", n(0))
        .expression_attribute_values(":one", n(1))
        .expression_attribute_values(":p", s(preview(&message.content)))
        .expression_attribute_values(":t", s(&message.created_at))
        .expression_attribute_values(":g1", s(gsi1pk))
        .expression_attribute_values(":g2", s(gsi1sk));
    if message.sender == Sender::User {
        let (_, inbox) = keys::conversation_gsi2(tenant_id, false, &message.id, &conversation.id);
        update = update.expression_attribute_values(":inbox", s(inbox));
    }
    if reopening {
        update = update.expression_attribute_values(":open", s(keys::inbox_gsi2pk(tenant_id, false)));
    }
    if to_bot {
        update = update
            .expression_attribute_names("#s", "status")
            .expression_attribute_values(":open", s(keys::inbox_gsi2pk(tenant_id, false)))
            .expression_attribute_values(":bot_status", serde_dynamo::to_attribute_value(Status::Bot)?);
    }
    if effects.handoff || reopening {
        update = update
            .expression_attribute_names("#s", "status")
            .expression_attribute_values(":handed_off", serde_dynamo::to_attribute_value(Status::HandedOff)?);
    }
    let needs_true = effects.handoff
        || effects.needs_attention
        || reopening
        || (message.sender == Sender::Bot && !conversation.bot_replied);
    if needs_true {
        update = update.expression_attribute_values(":true", AttributeValue::Bool(true));
    }
    if counts_answer && !same_day {
        update = update.expression_attribute_values(":today", s(&today));
    }
    if let BookingChange::Set(flow) = &effects.booking {
        update = update.expression_attribute_values(":booking", serde_dynamo::to_attribute_value(flow.as_ref())?);
    }
    let mut items = vec![
        put_new(table, to_item(message, keys::message(tenant_id, &conversation.id, &message.id), "message")?),
        TransactWriteItem::builder().update(update.build().expect("complete")).build(),
    ];
    let mut deltas = vec![(Counter::Messages, 1)];
    if entering_handoff {
        deltas.push((Counter::Handoffs, 1));
    }
    items.extend(counters::bump(table, tenant_id, Some(day_of(&message.created_at)), &deltas));
    items.extend(metric_writes(
        table,
        conversation,
        [(day_of(&message.created_at), today_delta), (day_of(&conversation.created_at), begun_delta)],
    ));
    if entering_handoff || reopening {
        // The team is told (by the notifier), once: the event is named after this message.
        let event = super::notifications::Event {
            id: keys::handoff_event_id(&message.id),
            tenant_id: tenant_id.clone(),
            kind: super::notifications::Kind::Handoff,
            conversation_id: Some(conversation.id.clone()),
            message_id: Some(message.id.clone()),
            lead_id: None,
            due_at: crate::ids::epoch_secs(),
            created_at: message.created_at.clone(),
        };
        items.push(super::notifications::raise(table, &event)?.0);
    }
    items.extend(extra.into_iter().map(|w| w.0));
    if let super::Transacted::Refused(_) = super::transact(state, items, "storing a message").await? {
        return Ok(None);
    }
    let mut updated = conversation.clone();
    updated.message_count += 1;
    updated.last_message_preview = preview(&message.content);
    updated.last_message_at = message.created_at.clone();
    if message.sender == Sender::User {
        updated.last_inbound_at = Some(message.created_at.clone());
        updated.unread += 1;
    }
    if message.sender == Sender::Operator {
        updated.unread = 0;
    }
    if effects.handoff || reopening {
        updated.status = Status::HandedOff;
        updated.handoff_notified = effects.handoff;
    }
    if reopening || to_bot {
        updated.resolved_at = None;
        updated.reopened_at = Some(message.created_at.clone());
    }
    if reopening {
        updated.needs_attention = true;
    }
    if to_bot {
        updated.status = Status::Bot;
    }
    if entering_handoff || reopening {
        updated.waiting_since = Some(message.created_at.clone());
        updated.person_involved |= entering_handoff;
    }
    match message.sender {
        Sender::User if updated.first_inbound_at.is_none() => {
            updated.first_inbound_at = Some(message.created_at.clone())
        }
        Sender::Bot => updated.bot_replied = true,
        Sender::Operator => updated.waiting_since = None,
        _ => {}
    }
    updated.needs_attention |= effects.needs_attention || effects.handoff;
    if counts_answer {
        updated.answers_today = if same_day { updated.answers_today + 1 } else { 1 };
        updated.answers_on = Some(today);
    }
    match effects.booking {
        BookingChange::Keep => {}
        BookingChange::Set(flow) => updated.booking = Some(*flow),
        BookingChange::Clear => updated.booking = None,
    }
    Ok(Some(updated))
}

/// The metrics writes of a conversation's change, one per distinct day (two deltas on the same
/// day are one write: a transaction touches an item once).
fn metric_writes<'a>(
    table: &str,
    c: &Conversation,
    deltas: impl IntoIterator<Item = (&'a str, Delta)>,
) -> Vec<TransactWriteItem> {
    let mut by_day: BTreeMap<&str, Delta> = BTreeMap::new();
    for (day, delta) in deltas {
        let merged = by_day.entry(day).or_default();
        merged.counts.extend(delta.counts);
        merged.timings.extend(delta.timings);
    }
    by_day
        .into_iter()
        .filter(|(_, d)| !d.is_empty())
        .map(|(day, d)| metrics::add(table, &c.tenant_id, day, &c.bot_id, c.source.as_str(), &d))
        .collect()
}

/// Moves the conversation to `status`. Entering `handed_off` counts a handoff and resets the
/// "customer was told" flag; `closed` (resolved) moves it to the inbox's resolved partition,
/// clears its flag and unread count, and any other status brings it back. Returns the
/// conversation as stored after the change.
pub async fn set_status(state: &AppState, conversation: &Conversation, status: Status) -> anyhow::Result<Conversation> {
    let table = state.table();
    let tenant_id = &conversation.tenant_id;
    // A handoff is the bot's conversation going to a person (not a resolved one reopened).
    let entering_handoff = status == Status::HandedOff && conversation.status == Status::Bot;
    let now = crate::ids::now_rfc3339();
    let mut today_delta = Delta::default();
    let mut begun_delta = Delta::default();
    let mut values = std::collections::HashMap::from([
        (":s".to_string(), serde_dynamo::to_attribute_value(status)?),
        (":old".to_string(), serde_dynamo::to_attribute_value(conversation.status)?),
        (":inbox".to_string(), s(keys::inbox_gsi2pk(tenant_id, status == Status::Closed))),
    ]);
    let mut set = vec!["#s = :s", "GSI2PK = :inbox"];
    let mut remove = vec![];
    if entering_handoff {
        values.insert(":false".to_string(), AttributeValue::Bool(false));
        set.push("handoff_notified = :false");
        today_delta.counts.push((Metric::Handoffs, 1));
        if !conversation.person_involved {
            begun_delta.counts.push((Metric::WithPerson, 1));
            values.insert(":yes".to_string(), AttributeValue::Bool(true));
            set.push("person_involved = :yes");
        }
    }
    if status == Status::Closed {
        values.insert(":no".to_string(), AttributeValue::Bool(false));
        values.insert(":zero".to_string(), n(0));
        values.insert(":now".to_string(), s(&now));
        set.extend(["needs_attention = :no", "unread = :zero", "resolved_at = :now"]);
        remove.push("waiting_since");
        let from = conversation.reopened_at.as_deref().unwrap_or(&conversation.created_at);
        begun_delta.counts.push((Metric::Resolved, 1));
        begun_delta.timings.push((Timing::TimeToResolve, metrics::seconds_between(from, &now)));
    } else {
        remove.push("resolved_at");
        if status == Status::Bot {
            // Nobody waits for a person while the bot has the conversation.
            remove.push("waiting_since");
        }
    }
    let mut expression = format!("SET {}", set.join(", "));
    if !remove.is_empty() {
        expression.push_str(&format!(" REMOVE {}", remove.join(", ")));
    }
    let update = Update::builder()
        .table_name(table)
        .set_key(Some(key_map(&keys::conversation(tenant_id, &conversation.id))))
        .update_expression(expression)
        .condition_expression("attribute_exists(PK) AND #s = :old")
        .expression_attribute_names("#s", "status")
        .set_expression_attribute_values(Some(values))
        .build()
        .expect("complete");
    let mut items = vec![TransactWriteItem::builder().update(update).build()];
    let deltas: &[(Counter, i64)] = if entering_handoff { &[(Counter::Handoffs, 1)] } else { &[] };
    items.extend(counters::bump(table, tenant_id, Some(day_of(&now)), deltas));
    items.extend(metric_writes(
        table,
        conversation,
        [(day_of(&now), today_delta), (day_of(&conversation.created_at), begun_delta)],
    ));
    // Someone changed the status first: the stored state is the truth.
    super::transact(state, items, "changing a conversation's status").await?;
    get_conversation(state, tenant_id, &conversation.id).await?.context("the conversation vanished")
}

/// How an assignment went.
#[derive(Debug)]
pub enum Assigned {
    Done(Conversation),
    /// Someone else changed the assignee first: the conversation as it is now.
    Conflict(Conversation),
}

/// Gives the conversation to `to` (`None`: nobody) if its assignee is still `expected`: of two
/// members taking it at once, one wins and the other gets [`Assigned::Conflict`].
pub async fn assign(
    state: &AppState,
    conversation: &Conversation,
    to: Option<&crate::ids::UserId>,
    expected: Option<&crate::ids::UserId>,
) -> anyhow::Result<Assigned> {
    let tenant_id = &conversation.tenant_id;
    let key = keys::conversation(tenant_id, &conversation.id);
    let mut update = state.dynamo.update_item().table_name(state.table()).set_key(Some(key_map(&key)));
    update = match to {
        Some(user) => update.update_expression("SET assignee_id = :to").expression_attribute_values(":to", s(user)),
        None => update.update_expression("REMOVE assignee_id"),
    };
    update = match expected {
        Some(user) => update
            .condition_expression("attribute_exists(PK) AND assignee_id = :expected")
            .expression_attribute_values(":expected", s(user)),
        None => update.condition_expression("attribute_exists(PK) AND attribute_not_exists(assignee_id)"),
    };
    let result = update.send().await;
    let now = get_conversation(state, tenant_id, &conversation.id).await?.context("the conversation vanished")?;
    match result {
        Ok(_) => {
            counters::touch(state, tenant_id).await?;
            Ok(Assigned::Done(now))
        }
        Err(e) if super::is_condition_failed(&e) => Ok(Assigned::Conflict(now)),
        Err(e) => Err(e).context("assigning a conversation"),
    }
}

/// Someone on the team read the conversation: its unread count starts again from zero.
pub async fn mark_read(state: &AppState, conversation: &Conversation) -> anyhow::Result<()> {
    if conversation.unread == 0 {
        return Ok(());
    }
    set_fields(state, conversation, &[("unread", n(0))]).await?;
    counters::touch(state, &conversation.tenant_id).await
}

/// Flags the conversation for the team (or clears the flag).
pub async fn set_needs_attention(state: &AppState, conversation: &Conversation, on: bool) -> anyhow::Result<()> {
    set_fields(state, conversation, &[("needs_attention", AttributeValue::Bool(on))]).await
}

/// Records the lead the conversation produced (`None`: it has none any more).
pub async fn set_lead(state: &AppState, conversation: &Conversation, lead_id: Option<&str>) -> anyhow::Result<()> {
    let fields = match lead_id {
        Some(id) => [("has_lead", AttributeValue::Bool(true)), ("lead_id", s(id))],
        None => [("has_lead", AttributeValue::Bool(false)), ("lead_id", AttributeValue::Null(true))],
    };
    set_fields(state, conversation, &fields).await
}

/// The conversation's lead no longer points at it (it is being erased; the lead stays).
async fn unlink_lead(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    lead_id: &crate::ids::LeadId,
    conversation_id: &crate::ids::ConversationId,
) -> anyhow::Result<()> {
    let result = state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::lead(tenant_id, lead_id))))
        .update_expression("SET conversation_id = :null")
        .condition_expression("conversation_id = :c")
        .expression_attribute_values(":null", AttributeValue::Null(true))
        .expression_attribute_values(":c", s(conversation_id))
        .send()
        .await;
    match result {
        Ok(_) => Ok(()),
        Err(e) if super::is_condition_failed(&e) => Ok(()),
        Err(e) => Err(e).context("unlinking a lead"),
    }
}

/// Sets the customer's name as they gave it.
/// Puts the conversation in a booking flow (a reminder waiting for the customer's answer).
pub async fn set_booking(
    state: &AppState,
    conversation: &Conversation,
    flow: &crate::calendar::flow::BookingFlow,
) -> anyhow::Result<()> {
    state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::conversation(&conversation.tenant_id, &conversation.id))))
        .update_expression("SET booking = :booking")
        .condition_expression("attribute_exists(PK)")
        .expression_attribute_values(":booking", serde_dynamo::to_attribute_value(flow)?)
        .send()
        .await
        .context("setting a conversation's booking flow")?;
    Ok(())
}

pub async fn set_contact_name(state: &AppState, conversation: &Conversation, name: &str) -> anyhow::Result<()> {
    set_fields(state, conversation, &[("contact_name", s(name))]).await
}

/// Sets simple flags on the conversation (`SET name = value` for each pair).
pub async fn set_fields(
    state: &AppState,
    conversation: &Conversation,
    fields: &[(&str, AttributeValue)],
) -> anyhow::Result<()> {
    if fields.is_empty() {
        return Ok(());
    }
    let mut update = state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::conversation(&conversation.tenant_id, &conversation.id))))
        .condition_expression("attribute_exists(PK)");
    let mut parts = Vec::new();
    for (i, (name, value)) in fields.iter().enumerate() {
        parts.push(format!("#f{i} = :v{i}"));
        update = update
            .expression_attribute_names(format!("#f{i}"), *name)
            .expression_attribute_values(format!(":v{i}"), value.clone());
    }
    match update.update_expression(format!("SET {}", parts.join(", "))).send().await {
        Ok(_) => Ok(()),
        Err(e) if super::is_condition_failed(&e) => Ok(()),
        Err(e) => Err(e).context("updating a conversation"),
    }
}

/// Which of a bot's conversations a listing shows (each `None`: any).
#[derive(Debug, Clone, Default)]
pub struct ConversationFilter {
    pub source: Option<Source>,
    pub status: Option<Status>,
    pub has_lead: Option<bool>,
}

/// A bot's conversations, most recent activity first.
pub async fn page_of_bot(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    filter: &ConversationFilter,
    listing: Listing,
) -> ApiResult<Page<Conversation>> {
    let source = filter.source.map(|v| s(v.as_str()));
    let status = filter.status.map(serde_dynamo::to_attribute_value).transpose().map_err(ApiError::internal)?;
    query_page(state, listing, true, || {
        let mut filters = Vec::new();
        let mut q =
            super::gsi1_partition(state, keys::bot_conversations_gsi1pk(tenant_id, bot_id)).scan_index_forward(false);
        if let Some(v) = &source {
            filters.push("#source = :source");
            q = q.expression_attribute_names("#source", "source").expression_attribute_values(":source", v.clone());
        }
        if let Some(v) = &status {
            filters.push("#status = :status");
            q = q
                .expression_attribute_names("#status", "status")
                .expression_attribute_values(":status", AttributeValue::clone(v));
        }
        if let Some(v) = filter.has_lead {
            filters.push("has_lead = :lead");
            q = q.expression_attribute_values(":lead", AttributeValue::Bool(v));
        }
        if !filters.is_empty() {
            q = q.filter_expression(filters.join(" AND "));
        }
        q
    })
    .await
}

/// A conversation's messages, oldest first.
pub async fn page_messages(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    conversation_id: &crate::ids::ConversationId,
    listing: Listing,
) -> ApiResult<Page<Message>> {
    query_page(state, listing, false, || messages_query(state, tenant_id, conversation_id)).await
}

fn messages_query(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    conversation_id: &crate::ids::ConversationId,
) -> aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder {
    super::partition_prefix(state, keys::conversation_pk(tenant_id, conversation_id), keys::MESSAGE_PREFIX)
}

pub async fn get_message(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    conversation_id: &crate::ids::ConversationId,
    message_id: &crate::ids::MessageId,
) -> anyhow::Result<Option<Message>> {
    get(state, &keys::message(tenant_id, conversation_id, message_id)).await
}

/// Messages after `after` (exclusive), oldest first, at most `limit`.
pub async fn messages_after(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    conversation_id: &crate::ids::ConversationId,
    after: Option<&str>,
    limit: usize,
) -> anyhow::Result<Vec<Message>> {
    let out = state
        .dynamo
        .query()
        .table_name(state.table())
        .key_condition_expression("PK = :pk AND SK > :after")
        .expression_attribute_values(":pk", s(keys::conversation_pk(tenant_id, conversation_id)))
        .expression_attribute_values(":after", s(format!("{}{}", keys::MESSAGE_PREFIX, after.unwrap_or(""))))
        .limit(limit as i32)
        .send()
        .await
        .context("reading messages")?;
    out.items
        .unwrap_or_default()
        .into_iter()
        .filter(|i| i.get(keys::SK).and_then(|v| v.as_s().ok()).is_some_and(|sk| sk.starts_with(keys::MESSAGE_PREFIX)))
        .map(from_item)
        .collect()
}

/// The last `count` messages, oldest first (the AI's context).
pub async fn recent_messages(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    conversation_id: &crate::ids::ConversationId,
    count: usize,
) -> anyhow::Result<Vec<Message>> {
    let out = messages_query(state, tenant_id, conversation_id)
        .scan_index_forward(false)
        .limit(count as i32)
        .send()
        .await
        .context("reading recent messages")?;
    let mut messages: Vec<Message> =
        out.items.unwrap_or_default().into_iter().map(from_item).collect::<anyhow::Result<_>>()?;
    messages.reverse();
    Ok(messages)
}

/// Erases a conversation: its messages, the visitor pointer, and its share of the counters.
/// A lead it produced stays (it is the tenant's record) but no longer points at it.
pub async fn erase(state: &AppState, conversation: &Conversation) -> anyhow::Result<()> {
    let tenant_id = &conversation.tenant_id;
    let items = query_all(|| super::partition(state, keys::conversation_pk(tenant_id, &conversation.id))).await?;
    let mut per_day: BTreeMap<String, i64> = BTreeMap::new();
    let mut messages = Vec::new();
    let mut notes = Vec::new();
    for item in items {
        let sk = item.get(keys::SK).and_then(|v| v.as_s().ok()).cloned().unwrap_or_default();
        if sk.starts_with(keys::NOTE_PREFIX) {
            notes.push(item);
            continue;
        }
        let is_message = sk.starts_with(keys::MESSAGE_PREFIX);
        if is_message {
            if let Some(created) = item.get("created_at").and_then(|v| v.as_s().ok()) {
                *per_day.entry(day_of(created).to_string()).or_default() += 1;
            }
            messages.push(item);
        }
    }
    // Messages first, the conversation item last: an interrupted erase can be repeated. A
    // handoff's notification event is named after a message: it goes with it.
    let events: Vec<String> = messages
        .iter()
        .filter_map(|m| m.get(keys::SK)?.as_s().ok()?.strip_prefix(keys::MESSAGE_PREFIX).map(str::to_owned))
        .map(|id| keys::handoff_event_id(&crate::ids::MessageId::from(id)))
        .collect();
    super::notifications::forget(state, tenant_id, &events).await?;
    super::batch::delete_items(state, &notes).await?;
    super::batch::delete_items(state, &messages).await?;
    for (day, count) in &per_day {
        counters::apply(state, tenant_id, Some(day), &[(Counter::Messages, -count)]).await?;
    }
    if let Some(lead_id) = &conversation.lead_id {
        unlink_lead(state, tenant_id, lead_id, &conversation.id).await?;
    }
    let pointer =
        keys::visitor(tenant_id, &conversation.bot_id, conversation.source.as_str(), &conversation.external_user_id);
    let table = state.table();
    let mut writes = vec![
        TransactWriteItem::builder()
            .delete(
                aws_sdk_dynamodb::types::Delete::builder()
                    .table_name(table)
                    .set_key(Some(key_map(&pointer)))
                    .build()
                    .expect("complete"),
            )
            .build(),
        TransactWriteItem::builder()
            .delete(
                aws_sdk_dynamodb::types::Delete::builder()
                    .table_name(table)
                    .set_key(Some(key_map(&keys::conversation(tenant_id, &conversation.id))))
                    .condition_expression("attribute_exists(PK)")
                    .build()
                    .expect("complete"),
            )
            .build(),
    ];
    writes.extend(counters::bump(
        table,
        tenant_id,
        Some(day_of(&conversation.created_at)),
        &[(Counter::Conversations, -1)],
    ));
    match state.dynamo.transact_write_items().set_transact_items(Some(writes)).send().await {
        Ok(_) => {}
        // Already erased by a concurrent request: counters were taken off there.
        Err(err) if super::cancellation_reasons(&err).is_some() => {}
        Err(err) => return Err(anyhow::Error::new(err).context("erasing a conversation")),
    }
    Ok(())
}
