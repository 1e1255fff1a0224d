//! The AI engine in the dashboard: the test panel and the knowledge gaps.

use lambda_http::Request;
use serde::Deserialize;

use crate::auth::{Role, authenticate};
use crate::domain::Checks;
use crate::error::{ApiError, ApiResult};
use crate::handlers::bots::load;
use crate::http::{id_param, json_body, limit_param, no_content, ok, query_param};
use crate::keys;
use crate::state::AppState;
use crate::store::gaps::{self, KnowledgeGap};
use crate::store::page::{Listing, query_page};
use crate::store::s;

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
        on_gsi1: true,
    };
    let page = query_page::<KnowledgeGap>(state, listing, || {
        state
            .dynamo
            .query()
            .table_name(state.table())
            .index_name(keys::GSI1)
            .key_condition_expression("GSI1PK = :pk")
            .expression_attribute_values(":pk", s(keys::bot_gaps_gsi1pk(&caller.tenant_id, &bot.id)))
            .scan_index_forward(false)
    })
    .await?;
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
