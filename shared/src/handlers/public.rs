//! The public chat API the web widget calls: no login; a visitor token (signed, bound to the
//! bot and one conversation) after `init`. Abuse limits per bot key + IP and per tenant month.

use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use crate::auth::tokens;
use crate::domain::{Checks, PhoneE164};
use crate::error::{ApiError, ApiResult};
use crate::http::{header, json_body, query_param, source_ip};
use crate::state::AppState;
use crate::store::bots::{self, Bot};
use crate::store::conversations::{self, Conversation, Message, Sender, Source};
use crate::store::leads::{self, LeadInput, LeadSource};
use crate::store::ratelimit;

/// Messages a visitor may send.
pub const MAX_MESSAGE_CHARS: usize = 2000;
/// `init` and lead submissions per IP and bot key per minute (cheap, but they write).
const INIT_PER_MINUTE: u64 = 30;
const LEADS_PER_HOUR: u64 = 10;

/// The bot behind a public key, if it is active. Unknown, inactive and deleting bots look the
/// same from outside: a generic 404.
async fn active_bot(state: &AppState, public_key: &str) -> ApiResult<Bot> {
    if public_key.is_empty() || public_key.len() > 64 {
        return Err(ApiError::NotFound);
    }
    match bots::by_public_key(state, public_key).await? {
        Some(bot) if bot.is_active && !bot.deleting => Ok(bot),
        _ => Err(ApiError::NotFound),
    }
}

/// The request's origin when the bot restricts where it may be embedded; an origin outside
/// the list (or none) is refused.
fn check_origin(req: &Request, bot: &Bot) -> ApiResult<Option<String>> {
    if bot.allowed_origins.is_empty() {
        return Ok(None);
    }
    match header(req, "origin").and_then(crate::domain::Origin::parse) {
        Some(o) if bot.allowed_origins.contains(&o) => Ok(Some(o.into())),
        _ => Err(ApiError::OriginNotAllowed),
    }
}

/// Until the tenant's owner verifies their address, the widget works only in the dashboard and
/// on the owner's own machine (localhost): building and testing, not publishing.
async fn check_published(state: &AppState, req: &Request, bot: &Bot) -> ApiResult<()> {
    let origin = header(req, "origin").map(|o| o.trim_end_matches('/').to_ascii_lowercase()).unwrap_or_default();
    let host = origin.split_once("://").map(|(_, rest)| rest.rsplit_once(':').map_or(rest, |(h, _)| h)).unwrap_or("");
    let at_home = matches!(host, "localhost" | "127.0.0.1" | "[::1]")
        || state.config.frontend_url.split(',').any(|f| f.trim().trim_end_matches('/').eq_ignore_ascii_case(&origin));
    if at_home {
        return Ok(());
    }
    match crate::store::tenants::by_id(state, &bot.tenant_id).await? {
        Some(tenant) if tenant.verified => Ok(()),
        _ => Err(ApiError::OriginNotAllowed),
    }
}

/// A JSON answer; when the bot restricts origins, CORS allows only the one that asked.
fn answer<T: Serialize>(status: u16, value: &T, origin: Option<String>) -> ApiResult {
    let mut resp: Response<Body> = crate::http::json(status, value)?;
    if let Some(origin) = origin {
        resp.headers_mut().insert("access-control-allow-origin", origin.parse().map_err(ApiError::internal)?);
    }
    Ok(resp)
}

async fn limit(
    state: &AppState,
    scope: &'static str,
    max: u64,
    seconds: i64,
    subject: &str,
    bot: &Bot,
) -> ApiResult<()> {
    let window = ratelimit::Window { scope, limit: max, seconds };
    if let Some(retry_after_secs) = ratelimit::hit(state, window, subject).await? {
        return Err(ApiError::RateLimited {
            code: "rate_limited",
            retry_after_secs,
            detail: crate::copy::too_fast(bot.language).into(),
        });
    }
    Ok(())
}

/// Counts one answer against the conversation's daily limit and the widget's monthly budget,
/// refusing when either is used up.
async fn count_against_quota(state: &AppState, bot: &Bot, conversation: &Conversation) -> ApiResult<()> {
    let allowed = match crate::budget::conversation_allows(state, conversation) {
        Ok(()) => crate::budget::spend(state, bot, crate::budget::Channel::Widget).await?,
        Err(retry) => Err(retry),
    };
    match allowed {
        Ok(()) => Ok(()),
        Err(retry_after_secs) => {
            tracing::warn!(tenant_id = %bot.tenant_id, "the widget's budget or the conversation's daily limit is used up");
            Err(ApiError::RateLimited {
                code: "quota_exceeded",
                retry_after_secs,
                detail: crate::copy::cannot_answer_now(bot.language).into(),
            })
        }
    }
}

/// The visitor's conversation, from the visitor token; a token for another conversation, bot
/// or tenant finds nothing.
async fn visitor_conversation(
    state: &AppState,
    req: &Request,
    conversation_id: &str,
) -> ApiResult<(Bot, Conversation)> {
    let token = crate::auth::caller::bearer(req)
        .ok_or(ApiError::Unauthorized { code: "unauthorized", detail: "A visitor token is required.".into() })?;
    let claims = tokens::verify_visitor(&state.config.jwt_secret, token).map_err(|e| ApiError::Unauthorized {
        code: if e == tokens::TokenError::Expired { "token_expired" } else { "invalid_token" },
        detail: "The visitor token is invalid or expired; start the chat again.".into(),
    })?;
    if claims.sub != conversation_id {
        return Err(ApiError::NotFound);
    }
    let conversation =
        conversations::get_conversation(state, &claims.tenant, &claims.sub).await?.ok_or(ApiError::NotFound)?;
    if conversation.bot_id != claims.bot {
        return Err(ApiError::NotFound);
    }
    let bot = match bots::get_bot(state, &claims.tenant, &claims.bot).await? {
        Some(bot) if bot.is_active && !bot.deleting => bot,
        _ => return Err(ApiError::NotFound),
    };
    // A token issued under a key the business has since rotated is no longer good.
    if claims.key != tokens::key_fingerprint(&bot.public_key) {
        return Err(ApiError::Unauthorized {
            code: "invalid_token",
            detail: "The visitor token is invalid or expired; start the chat again.".into(),
        });
    }
    Ok((bot, conversation))
}

/// What the widget shows of a message: no knowledge ids, no delivery internals.
#[derive(Serialize)]
struct PublicMessage<'a> {
    id: &'a str,
    conversation_id: &'a str,
    sender: Sender,
    content: &'a str,
    message_type: conversations::MessageType,
    created_at: &'a str,
    /// Answers the visitor can tap (shown as buttons under the bot's message).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    choices: &'a [String],
}

fn public(m: &Message) -> PublicMessage<'_> {
    PublicMessage {
        id: &m.id,
        conversation_id: &m.conversation_id,
        sender: m.sender,
        content: &m.content,
        message_type: m.message_type,
        created_at: &m.created_at,
        choices: &m.choices,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct InitInput {
    bot_public_key: String,
    external_user_id: Option<String>,
}

fn valid_external_id(id: &str) -> bool {
    (8..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `POST /public/chat/init`
#[tracing::instrument(skip_all)]
pub async fn init(state: &AppState, req: Request) -> ApiResult {
    let input: InitInput = json_body(&req)?;
    let bot = active_bot(state, input.bot_public_key.trim()).await?;
    let origin = check_origin(&req, &bot)?;
    check_published(state, &req, &bot).await?;
    limit(state, "chat-init", INIT_PER_MINUTE, 60, &format!("{}:{}", bot.public_key, source_ip(&req)), &bot).await?;
    let external_user_id = match input.external_user_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) if valid_external_id(id) => id.to_string(),
        Some(_) => {
            return Err(ApiError::validation(
                "external_user_id",
                "invalid_format",
                "must be 8-64 letters, digits, '-' or '_'",
            ));
        }
        None => format!("v_{}", crate::ids::random_token(16)),
    };
    let (conversation, _) =
        conversations::find_or_create(state, &bot.tenant_id, &bot.id, Source::WebWidget, &external_user_id, None)
            .await?;
    let visitor_token =
        tokens::issue_visitor(&state.config.jwt_secret, &bot.tenant_id, &bot.id, &bot.public_key, &conversation.id)?;
    answer(
        200,
        &serde_json::json!({
            "conversation_id": conversation.id,
            "external_user_id": external_user_id,
            "visitor_token": visitor_token,
            "status": conversation.status,
            "bot": {
                "name": bot.name,
                "primary_color": bot.primary_color,
                "widget_position": bot.widget_position,
                "language": bot.language,
                "privacy_url": bot.privacy_url,
            },
            "welcome_message": bot.welcome_message,
        }),
        origin,
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SendInput {
    conversation_id: crate::ids::ConversationId,
    message: String,
}

/// `POST /public/chat/send`: stores the visitor's message, lets the bot answer (unless a
/// person has the conversation) and returns both.
#[tracing::instrument(skip_all)]
pub async fn send(state: &AppState, req: Request) -> ApiResult {
    let input: SendInput = json_body(&req)?;
    let (bot, conversation) = visitor_conversation(state, &req, input.conversation_id.trim()).await?;
    let origin = check_origin(&req, &bot)?;
    let mut checks = Checks::new();
    let text = checks.text("message", &input.message, 1, MAX_MESSAGE_CHARS);
    checks.finish()?;
    let per_minute = u64::from(state.config.public_messages_per_minute);
    let visitor = format!("{}:{}", bot.public_key, source_ip(&req));
    limit(state, "chat-send", per_minute, 60, &visitor, &bot).await?;
    limit(state, "chat-send-day", state.config.visitor_daily_messages, 86_400, &visitor, &bot).await?;
    count_against_quota(state, &bot, &conversation).await?;

    let user_message = Message::new(&conversation.id, Sender::User, text);
    let effects = conversations::TurnEffects { reopen_to_bot: bot.reopen_to_bot, ..Default::default() };
    let conversation = conversations::append_turn(state, &conversation, &user_message, vec![], effects)
        .await?
        .ok_or(ApiError::NotFound)?;
    let business = crate::turn::business_name(state, &bot.tenant_id).await?;
    let turned = crate::turn::take_turn(state, &bot, &business, conversation, &user_message).await?;
    answer(
        200,
        &serde_json::json!({
            "user_message": public(&user_message),
            "reply": turned.reply.as_ref().map(public),
            "status": turned.conversation.status,
            "ask_contact": turned.ask_contact,
        }),
        origin,
    )
}

/// `GET /public/chat/messages?conversation_id=…&after=…`: messages after a message id, so
/// operator replies reach the widget.
#[tracing::instrument(skip_all)]
pub async fn messages(state: &AppState, req: Request) -> ApiResult {
    let conversation_id = query_param(&req, "conversation_id")
        .ok_or_else(|| ApiError::InvalidParameter { field: "conversation_id".into(), message: "is required".into() })?;
    let after = query_param(&req, "after").filter(|a| !a.is_empty());
    if after.as_deref().is_some_and(|a| !crate::ids::is_id(a)) {
        return Err(ApiError::InvalidParameter { field: "after".into(), message: "must be a message id".into() });
    }
    let (bot, conversation) = visitor_conversation(state, &req, &conversation_id).await?;
    let origin = check_origin(&req, &bot)?;
    let items =
        conversations::messages_after(state, &conversation.tenant_id, &conversation.id, after.as_deref(), 100).await?;
    let next_cursor = items.last().map(|m| String::from(&m.id)).or(after);
    let public_items: Vec<_> = items.iter().filter(|m| m.sender != Sender::System).map(public).collect();
    answer(
        200,
        &serde_json::json!({
            "items": public_items,
            "next_cursor": next_cursor,
            "status": conversation.status,
        }),
        origin,
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LeadForm {
    bot_public_key: String,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    conversation_id: Option<crate::ids::ConversationId>,
    note: Option<String>,
}

/// A contact form whose every field is valid: an email or a phone (in E.164), or both.
pub(crate) struct ValidLead {
    pub(crate) name: String,
    pub(crate) email: Option<String>,
    pub(crate) phone: Option<PhoneE164>,
    pub(crate) note: Option<String>,
}

impl LeadForm {
    pub(crate) fn check(&self) -> ApiResult<ValidLead> {
        let mut checks = Checks::new();
        let name = checks.text("name", &self.name, 1, 100);
        let email = self
            .email
            .as_deref()
            .filter(|e| !e.trim().is_empty())
            .and_then(|e| checks.email("email", e))
            .map(|e| e.as_str().to_string());
        let phone = match self.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(raw) => match PhoneE164::parse(raw) {
                Ok(p) => Some(p),
                Err(message) => {
                    checks.fail("phone", "invalid_phone", message);
                    None
                }
            },
            None => None,
        };
        if self.email.as_deref().is_none_or(|e| e.trim().is_empty())
            && self.phone.as_deref().is_none_or(|p| p.trim().is_empty())
        {
            checks.fail("email", "required", "give an email address or a phone number");
        }
        let note = checks.optional_text("note", self.note.as_deref(), 1000);
        checks.finish()?;
        Ok(ValidLead { name, email, phone, note })
    }
}

/// `POST /public/leads`: the widget's contact form. Linking the lead to a conversation needs
/// that conversation's visitor token.
#[tracing::instrument(skip_all)]
pub async fn lead(state: &AppState, req: Request) -> ApiResult {
    let input: LeadForm = json_body(&req)?;
    let bot = active_bot(state, input.bot_public_key.trim()).await?;
    let origin = check_origin(&req, &bot)?;
    let ValidLead { name, email, phone, note } = input.check()?;
    let contact_name = name.clone();
    limit(state, "public-lead", LEADS_PER_HOUR, 3600, &format!("{}:{}", bot.public_key, source_ip(&req)), &bot).await?;

    let conversation = match input.conversation_id.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(id) => {
            let (token_bot, conversation) = visitor_conversation(state, &req, id).await?;
            if token_bot.id != bot.id {
                return Err(ApiError::NotFound);
            }
            Some(conversation)
        }
        None => None,
    };
    let lead = leads::record_public_submission(
        state,
        &bot.tenant_id,
        LeadInput {
            bot_id: bot.id.clone(),
            bot_name: bot.name.clone(),
            conversation_id: conversation.as_ref().map(|c| c.id.clone()),
            name,
            email,
            phone,
            note,
            source: LeadSource::WebWidget,
        },
    )
    .await?;
    if let Some(c) = conversation.as_ref().filter(|c| c.contact_name.is_none()) {
        conversations::set_contact_name(state, c, &contact_name).await?;
    }
    let _ = lead;
    // The same answer whatever the tenant already holds: nothing about existing leads leaks.
    answer(201, &serde_json::json!({ "received": true }), origin)
}
