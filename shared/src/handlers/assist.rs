//! The AI engine in the dashboard: the test panel and the knowledge gaps.

use lambda_http::Request;
use serde::Deserialize;

use crate::auth::{Role, authenticate};
use crate::domain::Checks;
use crate::error::{ApiError, ApiResult};
use crate::handlers::bots::load;
use crate::http::{id_param, json_body, limit_param, no_content, ok, query_param};
use crate::state::AppState;
use crate::store::gaps;
use crate::store::page::Listing;

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
    let business = crate::assistant::business_name(state, &caller.tenant_id).await?;
    let reply = crate::assistant::preview(state, &bot, &business, &message).await?;
    let items = crate::assistant::knowledge_of(state, &bot).await?;
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
        "answered": reply.answered,
        "mode": match reply.mode { crate::ai::ReplyMode::Llm => "ai", _ => "faq" },
        "error": reply.error,
    }))
}

/// `GET /bots/{bot_id}/knowledge-gaps`: most recently asked first.
#[tracing::instrument(skip_all)]
pub async fn gaps_list(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let cursor = query_param(&req, "cursor");
    let listing = Listing {
        scope: format!("{}:gaps:{}", caller.tenant_id, bot.id),
        cursor: cursor.as_deref(),
        limit: limit_param(&req, 50, 100)?,
    };
    let page = gaps::page_of_bot(state, &caller.tenant_id, &bot.id, listing).await?;
    ok(&page)
}

/// `DELETE /bots/{bot_id}/knowledge-gaps/{gap_id}`
#[tracing::instrument(skip_all)]
pub async fn gaps_dismiss(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    caller.require(Role::Agent)?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let gap_id = id_param(&req, "gap_id")?;
    if gaps::dismiss(state, &caller.tenant_id, &bot.id, &gap_id).await? {
        no_content()
    } else {
        Err(ApiError::NotFound)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachInput {
    item_id: String,
}

/// `POST /bots/{bot_id}/knowledge-gaps/{gap_id}/attach`: the gap's question becomes an
/// alternative question of an existing item, and the gap goes. A retry after a crash between
/// the two finds the question already there and only removes the gap.
#[tracing::instrument(skip_all)]
pub async fn gaps_attach(state: &AppState, req: Request) -> ApiResult {
    use crate::handlers::knowledge::MAX_ALTERNATIVES;
    use crate::store::knowledge;
    let caller = authenticate(state, &req).await?;
    caller.require(Role::Admin)?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let gap_id = id_param(&req, "gap_id")?;
    let input: AttachInput = json_body(&req)?;
    if !crate::ids::is_id(input.item_id.trim()) {
        return Err(ApiError::validation("item_id", "invalid_id", "must be a knowledge item id"));
    }
    let gap = gaps::get_gap(state, &caller.tenant_id, &bot.id, &gap_id).await?.ok_or(ApiError::NotFound)?;
    let mut item = knowledge::get_item(state, &caller.tenant_id, &bot.id, input.item_id.trim())
        .await?
        .ok_or(ApiError::NotFound)?;
    let question: String = gap.question.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(300).collect();
    let folded = crate::ai::text::fold(&question);
    let known = crate::ai::text::fold(&item.question) == folded
        || item.alternatives.iter().any(|a| crate::ai::text::fold(a) == folded);
    if !known {
        if item.alternatives.len() >= MAX_ALTERNATIVES {
            return Err(ApiError::validation(
                "item_id",
                "too_many",
                format!("this item already has {MAX_ALTERNATIVES} alternative questions"),
            ));
        }
        item.alternatives.push(question);
        item.updated_at = crate::ids::now_rfc3339();
        if !knowledge::update(state, &caller.tenant_id, &item).await.map_err(|e| ApiError::Internal(e.into()))? {
            return Err(ApiError::NotFound);
        }
    }
    gaps::dismiss(state, &caller.tenant_id, &bot.id, &gap_id).await?;
    tracing::info!(bot_id = %bot.id, item_id = %item.id, "a knowledge gap was attached to an item");
    ok(&item)
}
