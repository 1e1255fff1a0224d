//! Paged queries with sealed cursors.

use anyhow::Context;
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Item;
use crate::cursor::{self, Position};
use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::state::AppState;

#[derive(Debug, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// Where the listing starts: a cursor decoded within its scope.
pub struct Listing {
    pub scope: String,
    pub cursor: Option<String>,
    pub limit: usize,
}

impl Listing {
    /// A listing of `scope` from the request's `cursor` and `limit` (default 50, at most 100).
    pub fn of(req: &lambda_http::Request, scope: String) -> ApiResult<Self> {
        Ok(Self {
            scope,
            cursor: crate::http::query_param(req, "cursor"),
            limit: crate::http::limit_param(req, 50, 100)?,
        })
    }
}

impl Listing {
    /// A listing whose cursor is bound to `scope` and to the request's filters (the query string
    /// without `cursor` and `limit`): a cursor from another filter set is refused.
    pub fn filtered(req: &lambda_http::Request, scope: String) -> ApiResult<Self> {
        let filters: Vec<&str> = req
            .uri()
            .query()
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.starts_with("cursor=") && !p.starts_with("limit="))
            .collect();
        Self::of(req, format!("{scope}:{}", filters.join("&")))
    }
}

fn position_of(item: &Item, on_gsi1: bool) -> Position {
    let names: &[&str] =
        if on_gsi1 { &[keys::PK, keys::SK, keys::GSI1PK, keys::GSI1SK] } else { &[keys::PK, keys::SK] };
    position_by(item, names)
}

fn position_by(item: &Item, names: &[&str]) -> Position {
    names.iter().filter_map(|n| item.get(*n).and_then(|v| v.as_s().ok()).map(|v| (n.to_string(), v.clone()))).collect()
}

fn start_of(state: &AppState, listing: &Listing) -> ApiResult<Option<Item>> {
    Ok(match listing.cursor.as_deref() {
        Some(c) => Some(
            cursor::decode(&state.config.jwt_secret, &listing.scope, c)?
                .into_iter()
                .map(|(k, v)| (k, super::s(v)))
                .collect(),
        ),
        None => None,
    })
}

/// One page from exactly one query of GSI2: up to `evaluate` items are read, those that pass
/// the query's filter are returned (at most the listing's limit), with the cursor after the
/// last one returned (or after the last one read). A narrow filter may give a short page with
/// a cursor; the cost of a page never grows with the partition.
pub(crate) async fn query_gsi2_once<T: DeserializeOwned>(
    state: &AppState,
    listing: Listing,
    evaluate: usize,
    query: QueryFluentBuilder,
) -> ApiResult<Page<T>> {
    let out = query
        .set_exclusive_start_key(start_of(state, &listing)?)
        .limit(evaluate.max(listing.limit) as i32)
        .send()
        .await
        .context("querying a page")
        .map_err(ApiError::Internal)?;
    let names = [keys::PK, keys::SK, keys::GSI2PK, keys::GSI2SK];
    let found = out.items.unwrap_or_default();
    let count = found.len();
    let mut items = Vec::new();
    for (i, item) in found.into_iter().enumerate() {
        let position = position_by(&item, &names);
        items.push(super::from_item::<T>(item)?);
        if items.len() == listing.limit {
            let more = i + 1 < count || out.last_evaluated_key.is_some();
            let next_cursor = more.then(|| cursor::encode(&state.config.jwt_secret, &listing.scope, &position));
            return Ok(Page { items, next_cursor });
        }
    }
    let next_cursor = out.last_evaluated_key.map(|key| {
        let position = position_by(&key, &names);
        cursor::encode(&state.config.jwt_secret, &listing.scope, &position)
    });
    Ok(Page { items, next_cursor })
}

/// Runs `query` (key condition and filters already set; `on_gsi1` when it reads GSI1, whose
/// keys are then part of the position) from the listing's cursor until `limit` items passed
/// the filter, and returns them with the cursor after the last one.
pub(crate) async fn query_page<T: DeserializeOwned>(
    state: &AppState,
    listing: Listing,
    on_gsi1: bool,
    query: impl Fn() -> QueryFluentBuilder,
) -> ApiResult<Page<T>> {
    let secret = &state.config.jwt_secret;
    let mut start = start_of(state, &listing)?;
    let mut items = Vec::new();
    loop {
        let out = query()
            .set_exclusive_start_key(start.take())
            .limit((listing.limit * 2).clamp(10, 200) as i32)
            .send()
            .await
            .context("querying a page")
            .map_err(ApiError::Internal)?;
        let page_items = out.items.unwrap_or_default();
        let count = page_items.len();
        for (i, item) in page_items.into_iter().enumerate() {
            let position = position_of(&item, on_gsi1);
            items.push(super::from_item::<T>(item)?);
            if items.len() == listing.limit {
                let more = i + 1 < count || out.last_evaluated_key.is_some();
                let next_cursor = more.then(|| cursor::encode(secret, &listing.scope, &position));
                return Ok(Page { items, next_cursor });
            }
        }
        match out.last_evaluated_key {
            Some(key) => start = Some(key),
            None => return Ok(Page { items, next_cursor: None }),
        }
    }
}

/// Every item a query returns, following DynamoDB's pages (for exports, cascades, prompts).
pub(crate) async fn query_all(query: impl Fn() -> QueryFluentBuilder) -> anyhow::Result<Vec<Item>> {
    let mut items = Vec::new();
    let mut start = None;
    loop {
        let out = query().set_exclusive_start_key(start).send().await.context("querying")?;
        items.extend(out.items.unwrap_or_default());
        start = out.last_evaluated_key;
        if start.is_none() {
            return Ok(items);
        }
    }
}

pub fn decode_all<T: DeserializeOwned>(items: Vec<Item>) -> anyhow::Result<Vec<T>> {
    items.into_iter().map(super::from_item).collect()
}
