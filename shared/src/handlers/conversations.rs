//! Conversations and messages as the dashboard sees them.

use lambda_http::Request;
use serde::Deserialize;

use super::bots::load;
use crate::auth::{Caller, authenticate};
use crate::domain::Checks;
use crate::error::{ApiError, ApiResult};
use crate::http::{created, header, id_param, json_body, no_content, ok, query_param};
use crate::state::AppState;
use crate::store::conversations::{self, Conversation, ConversationFilter, Message, Sender, Status};
use crate::store::idempotency::{self, Claim, IdempotencyRecord};
use crate::store::page::Listing;

/// The caller's conversation named by a path parameter (404 when the caller's tenant has none).
pub async fn load_conversation(state: &AppState, caller: &Caller, conversation_id: &str) -> ApiResult<Conversation> {
    let id = crate::ids::ConversationId::from(conversation_id);
    conversations::get_conversation(state, &caller.tenant_id, &id).await?.ok_or(ApiError::NotFound)
}

fn filter_value(req: &Request, name: &str, allowed: &[&str]) -> ApiResult<Option<String>> {
    match query_param(req, name) {
        None => Ok(None),
        Some(v) if allowed.contains(&v.as_str()) => Ok(Some(v)),
        Some(_) => Err(ApiError::InvalidParameter {
            field: name.into(),
            message: format!("must be one of {}", allowed.join(", ")),
        }),
    }
}

/// `GET /bots/{bot_id}/conversations?source&status&has_lead`: most recent activity first.
#[tracing::instrument(skip_all)]
pub async fn list(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let source = filter_value(&req, "source", &["whatsapp", "web_widget"])?;
    let status = filter_value(&req, "status", &["bot", "handed_off", "closed"])?;
    let has_lead = filter_value(&req, "has_lead", &["true", "false"])?;
    let listing = Listing::of(
        &req,
        format!(
            "{}:conversations:{}:{}:{}:{}",
            caller.tenant_id,
            bot.id,
            source.as_deref().unwrap_or(""),
            status.as_deref().unwrap_or(""),
            has_lead.as_deref().unwrap_or("")
        ),
    )?;
    let parse = |v: &Option<String>| v.as_ref().map(|v| serde_json::Value::String(v.clone()));
    let filter = ConversationFilter {
        source: parse(&source).map(serde_json::from_value).transpose().map_err(ApiError::internal)?,
        status: parse(&status).map(serde_json::from_value).transpose().map_err(ApiError::internal)?,
        has_lead: has_lead.as_deref().map(|v| v == "true"),
    };
    let page = conversations::page_of_bot(state, &caller.tenant_id, &bot.id, &filter, listing).await?;
    ok(&page)
}

/// `GET /conversations/{conversation_id}`
#[tracing::instrument(skip_all)]
pub async fn get(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    ok(&load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?)
}

/// `GET /conversations/{conversation_id}/messages`: oldest first, paged.
#[tracing::instrument(skip_all)]
pub async fn messages(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let conversation = load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?;
    let listing = Listing::of(&req, format!("{}:messages:{}", caller.tenant_id, conversation.id))?;
    let page = conversations::page_messages(state, &caller.tenant_id, &conversation.id, listing).await?;
    let mut page = page;
    // Media is read through short-lived presigned links (the bucket stays private).
    for message in &mut page.items {
        if let Some(media) = message.media.as_mut() {
            media.url = crate::whatsapp::media::link(state, media).await;
        }
    }
    ok(&page)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorMessage {
    content: String,
}

/// `POST /conversations/{conversation_id}/messages`: an operator's reply. Replying takes the
/// conversation over from the bot (it stays silent until resumed); on WhatsApp the reply is
/// sent through the Graph API, on the widget it reaches the visitor on the next poll.
#[tracing::instrument(skip_all)]
pub async fn send(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let conversation = load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?;
    let body: OperatorMessage = json_body(&req)?;
    let mut checks = Checks::new();
    let content = checks.text("content", &body.content, 1, 4000);
    checks.finish()?;
    let key = idempotency_key(&req)?;
    let message = Message::new(&conversation.id, Sender::Operator, content);
    let (conversation, mut message) = match prepare(state, &caller, key, conversation, message).await? {
        Ok(ready) => ready,
        Err(stored) => return replayed(&stored),
    };
    if conversation.source == conversations::Source::Whatsapp {
        message = crate::whatsapp::send_operator_message(state, &conversation, message).await?;
    } else {
        conversations::append(state, &conversation, &message).await?;
    }
    // A reply to a question the bot could not answer is kept on its knowledge gap, so the
    // team can make it the answer of a new item. Never fails the send.
    if let Err(err) = note_reply_on_gap(state, &conversation, &message).await {
        tracing::warn!(error = %format!("{err:#}"), "the reply could not be noted on its knowledge gap");
    }
    created(&message)
}

async fn note_reply_on_gap(state: &AppState, conversation: &Conversation, reply: &Message) -> anyhow::Result<()> {
    let recent = conversations::recent_messages(state, &conversation.tenant_id, &conversation.id, 6).await?;
    let Some(question) = recent.iter().rev().find(|m| m.sender == Sender::User && m.id < reply.id) else {
        return Ok(());
    };
    crate::store::gaps::note_operator_reply(
        state,
        &conversation.tenant_id,
        &conversation.bot_id,
        &conversation.id,
        &question.content,
        &reply.content,
    )
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateMessage {
    name: String,
    language: String,
    #[serde(default)]
    parameters: Vec<String>,
}

/// `POST /conversations/{conversation_id}/template-messages`: an operator sends an approved
/// WhatsApp template (allowed whether or not the customer's 24-hour window is open). Like any
/// operator message it takes the conversation over from the bot; `Idempotency-Key` as there.
#[tracing::instrument(skip_all)]
pub async fn send_template(state: &AppState, req: Request) -> ApiResult {
    use crate::whatsapp::templates;
    let caller = authenticate(state, &req).await?;
    let conversation = load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?;
    let body: TemplateMessage = json_body(&req)?;
    if conversation.source != conversations::Source::Whatsapp {
        return Err(ApiError::Unprocessable {
            code: "not_whatsapp",
            detail: "Templates are WhatsApp messages; this conversation is on the website widget.".into(),
        });
    }
    let key = idempotency_key(&req)?;
    let integration = crate::whatsapp::integration_of(state, &conversation).await?;
    let available = super::whatsapp::templates_of(state, &integration).await?;
    let Some(template) = available.iter().find(|t| t.name == body.name && t.language == body.language) else {
        return Err(ApiError::validation(
            "name",
            "unknown_template",
            "no approved template with this name and language",
        ));
    };
    let mut checks = Checks::new();
    if body.parameters.len() != template.parameters {
        checks.fail("parameters", "wrong_count", format!("this template takes {} parameters", template.parameters));
    }
    for (i, value) in body.parameters.iter().enumerate() {
        if let Some(problem) = templates::parameter_problem(value) {
            checks.fail(&format!("parameters[{i}]"), "invalid_parameter", problem);
        }
    }
    checks.finish()?;
    let mut message = Message::new(&conversation.id, Sender::Operator, templates::render(template, &body.parameters));
    message.message_type = conversations::MessageType::Template;
    let (conversation, message) = match prepare(state, &caller, key, conversation, message).await? {
        Ok(ready) => ready,
        Err(stored) => return replayed(&stored),
    };
    let graph_body = templates::message_body(&conversation.external_user_id, template, &body.parameters);
    created(&crate::whatsapp::send_stored(state, &conversation, &integration, message, &graph_body).await?)
}

/// An operator's message about to be sent (`Ok`), or the stored result of an earlier attempt
/// with the same key (`Err`, answered as it is).
type Prepared = Result<(Conversation, Message), Box<Message>>;

/// Before an operator's message goes out: its `Idempotency-Key` is claimed (a retry gets the
/// first attempt's message, never a second send), and the conversation is taken over from the bot.
async fn prepare(
    state: &AppState,
    caller: &Caller,
    key: Option<&str>,
    conversation: Conversation,
    mut message: Message,
) -> ApiResult<Prepared> {
    if let Some(key) = key {
        match claim_reply(state, &caller.tenant_id, key, &message).await? {
            ReplyClaim::Fresh => {}
            ReplyClaim::Resume(message_id) => message.id = message_id,
            ReplyClaim::Done(stored) => return Ok(Err(stored)),
        }
    }
    // Replying takes it over from the bot, or reopens it when it was resolved.
    let conversation = if conversation.status != Status::HandedOff {
        conversations::set_status(state, &conversation, Status::HandedOff).await?
    } else {
        conversation
    };
    Ok(Ok((conversation, message)))
}

/// The request's `Idempotency-Key`, checked.
fn idempotency_key(req: &Request) -> ApiResult<Option<&str>> {
    let key = header(req, "idempotency-key");
    if key.is_some_and(|k| k.is_empty() || k.len() > 128 || !k.bytes().all(|b| b.is_ascii_graphic())) {
        return Err(ApiError::validation(
            "Idempotency-Key",
            "invalid_format",
            "must be 1-128 visible ASCII characters",
        ));
    }
    Ok(key)
}

/// The stored result of an earlier request with the same key.
fn replayed(stored: &Message) -> ApiResult {
    let mut resp = created(stored)?;
    resp.headers_mut().insert("idempotent-replayed", http::HeaderValue::from_static("true"));
    Ok(resp)
}

enum ReplyClaim {
    /// First use of the key.
    Fresh,
    /// An earlier attempt claimed the key and died before storing its message: go on with
    /// that message's id.
    Resume(crate::ids::MessageId),
    /// The message the key produced (as stored now: sent, failed, or still pending).
    Done(Box<Message>),
}

async fn claim_reply(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    key: &str,
    message: &Message,
) -> ApiResult<ReplyClaim> {
    use sha2::Digest;
    let fingerprint =
        hex::encode(sha2::Sha256::digest(format!("{}\n{}", message.conversation_id, message.content).as_bytes()));
    let record = IdempotencyRecord {
        fingerprint,
        conversation_id: message.conversation_id.clone(),
        message_id: message.id.clone(),
        claimed_at: crate::ids::epoch_secs(),
    };
    let prior = match idempotency::claim(state, tenant_id, key, record.clone()).await? {
        Claim::Claimed(_) => return Ok(ReplyClaim::Fresh),
        Claim::Existing(prior) => prior,
    };
    if prior.fingerprint != record.fingerprint {
        return Err(ApiError::validation(
            "Idempotency-Key",
            "idempotency_key_reused",
            "this key was used for another request; send a new key with each new message",
        ));
    }
    if let Some(stored) =
        conversations::get_message(state, tenant_id, &prior.conversation_id, &prior.message_id).await?
    {
        return Ok(ReplyClaim::Done(Box::new(stored)));
    }
    if idempotency::take_over(state, tenant_id, key, &prior).await? {
        return Ok(ReplyClaim::Resume(prior.message_id));
    }
    Err(ApiError::Conflict {
        code: "request_in_progress",
        detail: "A request with this Idempotency-Key is still being processed; try again in a moment.".into(),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handoff {
    active: bool,
}

/// `POST /conversations/{conversation_id}/handoff {active}`: pause (a human takes over) or
/// resume the bot.
#[tracing::instrument(skip_all)]
pub async fn handoff(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let conversation = load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?;
    let body: Handoff = json_body(&req)?;
    let target = if body.active { Status::HandedOff } else { Status::Bot };
    let mut updated = if conversation.status == target {
        conversation
    } else {
        conversations::set_status(state, &conversation, target).await?
    };
    if !body.active && updated.needs_attention {
        conversations::set_needs_attention(state, &updated, false).await?;
        updated.needs_attention = false;
    }
    ok(&updated)
}

/// `DELETE /conversations/{conversation_id}`: erases the conversation and its messages.
#[tracing::instrument(skip_all)]
pub async fn delete(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let conversation = load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?;
    conversations::erase(state, &conversation).await?;
    tracing::info!(conversation_id = %conversation.id, "conversation erased");
    no_content()
}
