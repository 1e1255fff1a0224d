//! Knowledge items of a bot.

use anyhow::Context;
use serde::{Deserialize, Serialize};

use super::bots::knowledge_count_update;
use super::page::{decode_all, query_all};
use super::{cancellation_reasons, get, to_item};
use crate::keys;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KnowledgeItem {
    pub id: crate::ids::ItemId,
    pub bot_id: crate::ids::BotId,
    pub title: String,
    pub question: String,
    pub answer: String,
    /// Other ways customers ask this, searched like the question (a gap can be attached here).
    #[serde(default)]
    pub alternatives: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Why a knowledge write was refused.
#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    #[error("the knowledge base is full")]
    Full,
    #[error("the bot does not exist")]
    NoBot,
    #[error(transparent)]
    Store(#[from] anyhow::Error),
}

pub fn item(tenant_id: &crate::ids::TenantId, k: &KnowledgeItem) -> anyhow::Result<super::Item> {
    to_item(k, keys::knowledge(tenant_id, &k.bot_id, &k.id), "knowledge")
}

fn classify(
    err: aws_sdk_dynamodb::error::SdkError<
        aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError,
        impl std::fmt::Debug + Send + Sync + 'static,
    >,
) -> KnowledgeError {
    // The bot's counter update is always the first item of these transactions.
    match cancellation_reasons(&err).and_then(|r| r.first().cloned().flatten()).as_deref() {
        Some("ConditionalCheckFailed") => KnowledgeError::Full,
        _ => KnowledgeError::Store(anyhow::Error::new(err).context("writing knowledge")),
    }
}

/// Adds one item, keeping the per-bot limit with the bot's counter in the same transaction.
pub async fn create(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    k: &KnowledgeItem,
) -> Result<(), KnowledgeError> {
    let table = state.table();
    let items = vec![knowledge_count_update(table, tenant_id, &k.bot_id, 1), super::put(table, item(tenant_id, k)?)];
    // The bot's counter update is the first item: its condition is the per-bot limit.
    match super::transact(state, items, "writing knowledge").await? {
        super::Transacted::Done => Ok(()),
        refused if refused.refused_at(0) => Err(KnowledgeError::Full),
        super::Transacted::Refused(reasons) => {
            Err(KnowledgeError::Store(anyhow::anyhow!("a knowledge write was refused: {reasons:?}")))
        }
    }
}

/// Imports many items: slots are reserved on the bot first (all or nothing), then the items
/// are written in batches; if writing fails, what was written is removed and the slots freed.
pub async fn import(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    items: &[KnowledgeItem],
) -> Result<(), KnowledgeError> {
    let table = state.table();
    state
        .dynamo
        .transact_write_items()
        .transact_items(knowledge_count_update(table, tenant_id, bot_id, items.len() as i64))
        .send()
        .await
        .map_err(classify)?;
    let records: Vec<super::Item> = items.iter().map(|k| item(tenant_id, k)).collect::<anyhow::Result<_>>()?;
    if let Err(err) = super::batch::put_items(state, records.clone()).await {
        let _ = super::batch::delete_items(state, &records).await;
        let _ = state
            .dynamo
            .transact_write_items()
            .transact_items(knowledge_count_update(table, tenant_id, bot_id, -(items.len() as i64)))
            .send()
            .await;
        return Err(KnowledgeError::Store(err.context("importing knowledge")));
    }
    // The version moves again once every item is written: a container that read the knowledge
    // base while the import was under way cached it under the earlier version, and reloads.
    state
        .dynamo
        .update_item()
        .table_name(table)
        .set_key(Some(super::key_map(&keys::bot(tenant_id, bot_id))))
        .update_expression("ADD knowledge_version :one")
        .condition_expression("attribute_exists(PK)")
        .expression_attribute_values(":one", super::n(1))
        .send()
        .await
        .map_err(|e| KnowledgeError::Store(anyhow::Error::new(e).context("bumping the knowledge version")))?;
    Ok(())
}

pub async fn get_item(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    item_id: &crate::ids::ItemId,
) -> anyhow::Result<Option<KnowledgeItem>> {
    get(state, &keys::knowledge(tenant_id, bot_id, item_id)).await
}

/// Replaces an existing item's text (`false`: there is no such item, or no such bot).
pub async fn update(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    k: &KnowledgeItem,
) -> Result<bool, KnowledgeError> {
    let table = state.table();
    let items = vec![
        knowledge_count_update(table, tenant_id, &k.bot_id, 0),
        super::put_if(table, item(tenant_id, k)?, "attribute_exists(PK)", &[]),
    ];
    Ok(super::transact(state, items, "updating knowledge").await? == super::Transacted::Done)
}

/// Deletes an item, freeing its slot (`false`: there was none).
pub async fn delete(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    item_id: &crate::ids::ItemId,
) -> anyhow::Result<bool> {
    let table = state.table();
    let items = vec![
        knowledge_count_update(table, tenant_id, bot_id, -1),
        super::delete_if(table, &keys::knowledge(tenant_id, bot_id, item_id), Some("attribute_exists(PK)"), &[]),
    ];
    Ok(super::transact(state, items, "deleting knowledge").await? == super::Transacted::Done)
}

/// Every item of a bot, oldest first (prompts, retrieval, exports).
/// A bot's knowledge, newest first.
pub async fn page_of_bot(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    listing: super::page::Listing,
) -> crate::error::ApiResult<super::page::Page<KnowledgeItem>> {
    super::page::query_page(state, listing, false, || of_bot(state, tenant_id, bot_id).scan_index_forward(false)).await
}

fn of_bot(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
) -> aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder {
    super::partition_prefix(state, keys::bot_pk(tenant_id, bot_id), keys::KNOWLEDGE_PREFIX)
}

/// Every item of a bot's knowledge (the answerer's index, the export).
pub async fn all(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
) -> anyhow::Result<Vec<KnowledgeItem>> {
    let items = query_all(|| of_bot(state, tenant_id, bot_id)).await.context("loading knowledge")?;
    decode_all(items)
}
