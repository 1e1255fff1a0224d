//! Bots: create, list, read, update, delete (cascading) and public-key rotation.

use lambda_http::Request;
use serde::Deserialize;

use crate::auth::{Caller, authenticate};
use crate::copy::Language;
use crate::domain::{Checks, HexColor, Origin};
use crate::error::{ApiError, ApiResult};
use crate::http::{created, id_param, json_body, no_content, ok};
use crate::state::AppState;
use crate::store::bots::{self, AnswerMode, Bot, DEFAULT_MODEL, WidgetPosition};

/// Bots one tenant may have.
const MAX_BOTS: usize = 50;

/// The fields a tenant may set; absent fields keep their value (or default on create).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BotInput {
    name: Option<String>,
    description: Option<String>,
    welcome_message: Option<String>,
    language: Option<String>,
    primary_color: Option<String>,
    widget_position: Option<String>,
    is_active: Option<bool>,
    allowed_origins: Option<Vec<String>>,
    answer_mode: Option<String>,
    llm_model: Option<String>,
    fallback_message: Option<String>,
    handoff_message: Option<String>,
    instructions: Option<String>,
    reopen_to_bot: Option<bool>,
    /// `""` removes it.
    privacy_url: Option<String>,
}

fn parse_enum<T: serde::de::DeserializeOwned>(
    checks: &mut Checks,
    field: &str,
    value: &str,
    allowed: &str,
) -> Option<T> {
    match serde_json::from_value(serde_json::Value::String(value.to_string())) {
        Ok(v) => Some(v),
        Err(_) => {
            checks.fail(field, "invalid_choice", format!("must be one of {allowed}"));
            None
        }
    }
}

/// Applies `input` to `bot`, reporting every invalid field. `models` are the LLM models the
/// platform offers (`LLM_MODELS`): the platform's key pays, so no other name is accepted.
pub fn apply(bot: &mut Bot, input: BotInput, models: &[String]) -> ApiResult<()> {
    let mut checks = Checks::new();
    if let Some(v) = input.name {
        bot.name = checks.text("name", &v, 1, 100);
    }
    if let Some(v) = input.description {
        bot.description = checks.text("description", &v, 0, 500);
    }
    if let Some(v) = input.welcome_message {
        bot.welcome_message = checks.text("welcome_message", &v, 0, 500);
    }
    if let Some(v) = input.language
        && let Some(l) = parse_enum(&mut checks, "language", &v, "tr, en")
    {
        bot.language = l;
    }
    if let Some(v) = input.primary_color {
        match HexColor::parse(&v) {
            Some(c) => bot.primary_color = c,
            None => checks.fail("primary_color", "invalid_color", "must be a hex colour like #3C82F6"),
        }
    }
    if let Some(v) = input.widget_position
        && let Some(p) = parse_enum(&mut checks, "widget_position", &v, "left, right")
    {
        bot.widget_position = p;
    }
    if let Some(v) = input.is_active {
        bot.is_active = v;
    }
    if let Some(origins) = input.allowed_origins {
        if origins.len() > 20 {
            checks.fail("allowed_origins", "too_many", "at most 20 origins");
        }
        let mut parsed = Vec::new();
        for (i, raw) in origins.iter().enumerate() {
            match Origin::parse(raw) {
                Some(o) if !parsed.contains(&o) => parsed.push(o),
                Some(_) => {}
                None => checks.fail(
                    &format!("allowed_origins[{i}]"),
                    "invalid_origin",
                    "must be an origin like https://shop.example.com",
                ),
            }
        }
        bot.allowed_origins = parsed;
    }
    if let Some(v) = input.answer_mode
        && let Some(m) = parse_enum(&mut checks, "answer_mode", &v, "ai, faq")
    {
        bot.answer_mode = m;
    }
    if let Some(v) = input.llm_model {
        let model = v.trim();
        // The bot's current model stays allowed, so a bot saved before the list shrank can
        // still be edited without also changing its model.
        if models.iter().any(|m| m == model) || model == bot.llm_model {
            bot.llm_model = model.to_string();
        } else {
            checks.fail("llm_model", "invalid_model", format!("must be one of {}", models.join(", ")));
        }
    }
    if let Some(v) = input.fallback_message {
        bot.fallback_message = checks.text("fallback_message", &v, 1, 500);
    }
    if let Some(v) = input.handoff_message {
        bot.handoff_message = checks.text("handoff_message", &v, 1, 500);
    }
    if let Some(v) = input.instructions {
        bot.instructions = checks.text("instructions", &v, 0, 2000);
    }
    if let Some(v) = input.reopen_to_bot {
        bot.reopen_to_bot = v;
    }
    if let Some(v) = input.privacy_url {
        let v = v.trim();
        bot.privacy_url = if v.is_empty() {
            None
        } else if v.len() <= 500
            && reqwest::Url::parse(v).is_ok_and(|u| u.scheme() == "https" && u.host_str().is_some())
        {
            Some(v.to_string())
        } else {
            checks.fail("privacy_url", "invalid_url", "must be an https address of at most 500 characters");
            None
        };
    }
    checks.finish()
}

/// A new bot of `tenant_id` with the defaults of its language, before `input` is applied.
pub(crate) fn new_bot(tenant_id: &crate::ids::TenantId, input: &BotInput) -> Bot {
    let language = match input.language.as_deref() {
        Some("en") => Language::En,
        _ => Language::Tr,
    };
    let now = crate::ids::now_rfc3339();
    Bot {
        id: crate::ids::BotId::generate(),
        tenant_id: tenant_id.clone(),
        name: String::new(),
        description: String::new(),
        welcome_message: crate::copy::welcome(language).into(),
        language,
        primary_color: HexColor::default_widget(),
        widget_position: WidgetPosition::Right,
        is_active: true,
        allowed_origins: vec![],
        answer_mode: AnswerMode::Ai,
        llm_model: DEFAULT_MODEL.into(),
        fallback_message: crate::copy::fallback(language).into(),
        handoff_message: crate::copy::handoff(language).into(),
        instructions: String::new(),
        reopen_to_bot: false,
        privacy_url: None,
        public_key: bots::new_public_key(),
        knowledge_count: 0,
        knowledge_version: 0,
        deleting: false,
        created_at: now.clone(),
        updated_at: now,
    }
}

/// The caller's bot named by a path parameter (404 when the caller's tenant has no such bot).
pub async fn load(state: &AppState, caller: &Caller, bot_id: &str) -> ApiResult<Bot> {
    bots::get_bot(state, &caller.tenant_id, &crate::ids::BotId::from(bot_id)).await?.ok_or(ApiError::NotFound)
}

/// `GET /bots`
#[tracing::instrument(skip_all)]
pub async fn list(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    ok(&serde_json::json!({ "items": bots::list(state, &caller.tenant_id).await? }))
}

/// `POST /bots`
#[tracing::instrument(skip_all)]
pub async fn create(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let input: BotInput = json_body(&req)?;
    if input.name.is_none() {
        return Err(ApiError::validation("name", "required", "must not be empty"));
    }
    let mut bot = new_bot(&caller.tenant_id, &input);
    apply(&mut bot, input, &state.config.llm_models)?;
    if bots::list(state, &caller.tenant_id).await?.len() >= MAX_BOTS {
        return Err(ApiError::Conflict {
            code: "conflict",
            detail: format!("A tenant can have at most {MAX_BOTS} bots."),
        });
    }
    bots::create(state, &bot).await?;
    tracing::info!(bot_id = %bot.id, "bot created");
    created(&bot)
}

/// `GET /bots/{bot_id}`
#[tracing::instrument(skip_all)]
pub async fn get(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    ok(&load(state, &caller, &id_param(&req, "bot_id")?).await?)
}

/// `PUT /bots/{bot_id}`: changes the fields sent.
#[tracing::instrument(skip_all)]
pub async fn update(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let mut bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let input: BotInput = json_body(&req)?;
    apply(&mut bot, input, &state.config.llm_models)?;
    bot.updated_at = crate::ids::now_rfc3339();
    if !bots::save(state, &bot).await? {
        return Err(ApiError::Conflict {
            code: "conflict",
            detail: "The bot changed meanwhile; reload and try again.".into(),
        });
    }
    ok(&bot)
}

/// `DELETE /bots/{bot_id}`: the bot and everything under it.
#[tracing::instrument(skip_all)]
pub async fn delete(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot_id = crate::ids::BotId::from(id_param(&req, "bot_id")?);
    // A delete that was interrupted left the bot marked; finishing it is allowed.
    let bot = bots::get_even_if_deleting(state, &caller.tenant_id, &bot_id).await?.ok_or(ApiError::NotFound)?;
    bots::delete_cascade(state, &bot).await?;
    tracing::info!(bot_id = %bot.id, "bot deleted");
    no_content()
}

/// `POST /bots/{bot_id}/rotate-key`: the old key stops working at once.
#[tracing::instrument(skip_all)]
pub async fn rotate_key(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    ok(&bots::rotate_key(state, &bot).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalised_and_junk_refused() {
        assert_eq!(Origin::parse("HTTPS://Shop.Example.com/").as_deref(), Some("https://shop.example.com"));
        assert_eq!(Origin::parse("http://localhost:8000").as_deref(), Some("http://localhost:8000"));
        for bad in [
            "shop.example.com",
            "ftp://x.com",
            "https://x.com/path",
            "https://",
            "https://a b.com",
            "https://x.com:99999",
        ] {
            assert!(Origin::parse(bad).is_none(), "{bad}");
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TestInput {
    message: String,
}

/// `POST /bots/{bot_id}/test`: what the bot would answer, with the items it used and their
/// scores. Nothing is stored.
#[tracing::instrument(skip_all)]
pub async fn test(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let input: TestInput = json_body(&req)?;
    let mut checks = Checks::new();
    let message = checks.text("message", &input.message, 1, 2000);
    checks.finish()?;
    // The panel spends the widget's budget like a visitor, and one user cannot loop it.
    let window = crate::store::ratelimit::Window { scope: "test-panel", limit: 30, seconds: 60 };
    if let Some(retry_after_secs) = crate::store::ratelimit::hit(state, window, &caller.user_id).await? {
        return Err(ApiError::RateLimited {
            code: "rate_limited",
            retry_after_secs,
            detail: "Too many test messages. Please wait a moment.".into(),
        });
    }
    if let Err(retry_after_secs) = crate::budget::spend(state, &bot, crate::budget::Channel::Widget).await? {
        return Err(ApiError::RateLimited {
            code: "quota_exceeded",
            retry_after_secs,
            detail: "This month's widget budget is used up; the test panel answers again next month.".into(),
        });
    }
    let business = crate::turn::business_name(state, &caller.tenant_id).await?;
    let reply = crate::turn::preview(state, &bot, &business, &message).await?;
    let items = crate::turn::knowledge_of(state, &bot).await?;
    // The items the reply used, never the near matches of a fallback.
    let sources: Vec<_> = reply
        .scores
        .iter()
        .filter(|(id, _)| reply.knowledge_ids.contains(id))
        .filter_map(|(id, score)| {
            items.get(id).map(|k| serde_json::json!({ "item_id": id, "title": k.title, "score": score }))
        })
        .collect();
    ok(&serde_json::json!({
        "reply": reply.text,
        "sources": sources,
        "used_item_ids": reply.knowledge_ids,
        "confidence": reply.confidence,
        "handoff": reply.handoff.is_some(),
        "answered": !reply.knowledge_gap,
        "mode": match reply.mode { crate::ai::ReplyMode::Llm => "ai", _ => "faq" },
        "error": reply.error,
    }))
}
