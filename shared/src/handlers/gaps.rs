//! Knowledge gaps: the questions the bot could not answer, to dismiss or to answer with a
//! knowledge item.

use lambda_http::Request;
use serde::Deserialize;

use crate::auth::authenticate;
use crate::error::{ApiError, ApiResult};
use crate::handlers::bots::load;
use crate::http::{id_param, json_body, no_content, ok};
use crate::state::AppState;
use crate::store::gaps;
use crate::store::page::Listing;

/// `GET /bots/{bot_id}/knowledge-gaps`: most recently asked first.
#[tracing::instrument(skip_all)]
pub async fn list(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let listing = Listing::of(&req, format!("{}:gaps:{}", caller.tenant_id, bot.id))?;
    let page = gaps::page_of_bot(state, &caller.tenant_id, &bot.id, listing).await?;
    ok(&page)
}

/// `DELETE /bots/{bot_id}/knowledge-gaps/{gap_id}`
#[tracing::instrument(skip_all)]
pub async fn dismiss(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
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
pub async fn attach(state: &AppState, req: Request) -> ApiResult {
    use crate::handlers::knowledge::MAX_ALTERNATIVES;
    use crate::store::knowledge;
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let gap_id = id_param(&req, "gap_id")?;
    let input: AttachInput = json_body(&req)?;
    if !crate::ids::is_id(input.item_id.trim()) {
        return Err(ApiError::validation("item_id", "invalid_id", "must be a knowledge item id"));
    }
    let gap = gaps::get_gap(state, &caller.tenant_id, &bot.id, &gap_id).await?.ok_or(ApiError::NotFound)?;
    let mut item = knowledge::get_item(state, &caller.tenant_id, &bot.id, &input.item_id.trim().into())
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
