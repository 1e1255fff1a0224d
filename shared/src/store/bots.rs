//! Bots, their public-key lookup and the cascade that deletes everything under a bot.

use anyhow::Context;
use aws_sdk_dynamodb::types::{TransactWriteItem, Update};
use serde::{Deserialize, Serialize};

use super::counters::{self, Counter};
use super::page::query_all;
use super::{batch, delete, from_item, get, key_map, n, put_new, s, to_item};
use crate::keys;
use crate::state::AppState;

use crate::copy::Language;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WidgetPosition {
    Left,
    Right,
}

/// How replies are made: the LLM grounded in the knowledge, or retrieval alone ("FAQ mode").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnswerMode {
    Ai,
    Faq,
}

pub const DEFAULT_MODEL: &str = "gpt-4.1-mini";
pub const MAX_KNOWLEDGE_ITEMS: u64 = 2000;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bot {
    pub id: crate::ids::BotId,
    pub tenant_id: crate::ids::TenantId,
    pub name: String,
    pub description: String,
    pub welcome_message: String,
    pub language: Language,
    pub primary_color: crate::domain::HexColor,
    pub widget_position: WidgetPosition,
    pub is_active: bool,
    pub allowed_origins: Vec<crate::domain::Origin>,
    pub answer_mode: AnswerMode,
    pub llm_model: String,
    pub fallback_message: String,
    pub handoff_message: String,
    /// AI mode: the persona and the business's instructions for the model.
    #[serde(default)]
    pub instructions: String,
    /// A customer's message to a resolved conversation gives it back to this bot (it answers)
    /// instead of to the team.
    #[serde(default)]
    pub reopen_to_bot: bool,
    /// The business's privacy notice (KVKK aydınlatma metni), linked from the widget's lead form.
    #[serde(default)]
    pub privacy_url: Option<String>,
    pub public_key: String,
    /// Items in the knowledge base (kept on the bot so the 2,000 limit is one conditional write).
    #[serde(default)]
    pub knowledge_count: u64,
    /// Bumped on every knowledge change, so warm containers know when a cached index is stale.
    #[serde(default)]
    pub knowledge_version: u64,
    /// Set while a delete cascades; public endpoints treat the bot as gone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleting: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// The public key's lookup item: tenant and bot in one read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BotKey {
    pub tenant_id: crate::ids::TenantId,
    pub bot_id: crate::ids::BotId,
}

/// A new unguessable public key: 144 random bits, base64url.
pub fn new_public_key() -> String {
    format!("pk_{}", crate::ids::random_token(18))
}

fn bot_item(bot: &Bot) -> anyhow::Result<super::Item> {
    to_item(bot, keys::bot(&bot.tenant_id, &bot.id), "bot")
}

fn key_item(bot: &Bot) -> anyhow::Result<super::Item> {
    to_item(
        &BotKey { tenant_id: bot.tenant_id.clone(), bot_id: bot.id.clone() },
        keys::bot_key(&bot.public_key),
        "bot_key",
    )
}

pub async fn create(state: &AppState, bot: &Bot) -> anyhow::Result<()> {
    let table = state.table();
    let mut items = vec![put_new(table, bot_item(bot)?), put_new(table, key_item(bot)?)];
    items.extend(counters::bump(table, &bot.tenant_id, None, &[(Counter::Bots, 1)]));
    state.dynamo.transact_write_items().set_transact_items(Some(items)).send().await.context("creating a bot")?;
    Ok(())
}

/// A tenant's bot (`None` for another tenant's id, or one being deleted).
pub async fn get_bot(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
) -> anyhow::Result<Option<Bot>> {
    Ok(get_even_if_deleting(state, tenant_id, bot_id).await?.filter(|b| !b.deleting))
}

/// The bot, also while a delete that was interrupted still marks it (finishing it is allowed).
pub async fn get_even_if_deleting(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
) -> anyhow::Result<Option<Bot>> {
    get::<Bot>(state, &keys::bot(tenant_id, bot_id)).await
}

pub async fn list(state: &AppState, tenant_id: &crate::ids::TenantId) -> anyhow::Result<Vec<Bot>> {
    let items = query_all(|| super::partition_prefix(state, keys::tenant_pk(tenant_id), keys::BOT_PREFIX)).await?;
    Ok(super::page::decode_all::<Bot>(items)?.into_iter().filter(|b| !b.deleting).collect())
}

/// Every bot of the tenant, also those whose deletion was interrupted (closing a business).
pub async fn list_all(state: &AppState, tenant_id: &crate::ids::TenantId) -> anyhow::Result<Vec<Bot>> {
    let items = query_all(|| super::partition_prefix(state, keys::tenant_pk(tenant_id), keys::BOT_PREFIX)).await?;
    super::page::decode_all::<Bot>(items)
}

/// The active bot behind a public key (`None` if unknown, inactive or being deleted).
pub async fn by_public_key(state: &AppState, public_key: &str) -> anyhow::Result<Option<Bot>> {
    if public_key.len() > 64 || public_key.is_empty() {
        return Ok(None);
    }
    let Some(key) = get::<BotKey>(state, &keys::bot_key(public_key)).await? else { return Ok(None) };
    Ok(get_bot(state, &key.tenant_id, &key.bot_id).await?.filter(|b| b.is_active && b.public_key == public_key))
}

/// Saves the bot's editable fields (the caller has validated them), if the bot still exists.
pub async fn save(state: &AppState, bot: &Bot) -> anyhow::Result<bool> {
    let result = state
        .dynamo
        .put_item()
        .table_name(state.table())
        .set_item(Some(bot_item(bot)?))
        .condition_expression(
            "attribute_exists(PK) AND public_key = :key AND (attribute_not_exists(deleting) OR deleting = :false)",
        )
        .expression_attribute_values(":key", s(&bot.public_key))
        .expression_attribute_values(":false", aws_sdk_dynamodb::types::AttributeValue::Bool(false))
        .send()
        .await;
    match result {
        Ok(_) => Ok(true),
        Err(e) if super::is_condition_failed(&e) => Ok(false),
        Err(e) => Err(e).context("saving a bot"),
    }
}

/// Replaces the public key: old lookup gone, new one in place, in one transaction.
pub async fn rotate_key(state: &AppState, bot: &Bot) -> anyhow::Result<Bot> {
    let table = state.table();
    let mut rotated = bot.clone();
    rotated.public_key = new_public_key();
    rotated.updated_at = crate::ids::now_rfc3339();
    let update = Update::builder()
        .table_name(table)
        .set_key(Some(key_map(&keys::bot(&bot.tenant_id, &bot.id))))
        .update_expression("SET public_key = :new, updated_at = :u")
        .condition_expression("public_key = :old")
        .expression_attribute_values(":new", s(&rotated.public_key))
        .expression_attribute_values(":old", s(&bot.public_key))
        .expression_attribute_values(":u", s(&rotated.updated_at))
        .build()
        .expect("complete");
    state
        .dynamo
        .transact_write_items()
        .transact_items(TransactWriteItem::builder().update(update).build())
        .transact_items(delete(table, &keys::bot_key(&bot.public_key)))
        .transact_items(put_new(table, key_item(&rotated)?))
        .send()
        .await
        .context("rotating a public key")?;
    Ok(rotated)
}

/// Changes the knowledge count by `delta` (bounded by the limit) and bumps the version.
pub fn knowledge_count_update(
    table: &str,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    delta: i64,
) -> TransactWriteItem {
    let mut update = Update::builder()
        .table_name(table)
        .set_key(Some(key_map(&keys::bot(tenant_id, bot_id))))
        .update_expression("ADD knowledge_count :d, knowledge_version :one")
        .expression_attribute_values(":d", n(delta))
        .expression_attribute_values(":one", n(1));
    if delta > 0 {
        update = update
            .condition_expression(
                "attribute_exists(PK) AND (attribute_not_exists(knowledge_count) OR knowledge_count <= :max)",
            )
            .expression_attribute_values(":max", n(MAX_KNOWLEDGE_ITEMS as i64 - delta));
    } else {
        update = update.condition_expression("attribute_exists(PK)");
    }
    TransactWriteItem::builder().update(update.build().expect("complete")).build()
}

/// Deletes a bot and everything under it: knowledge, visitor pointers, lead keys, gaps, the
/// WhatsApp integration, conversations with their messages, and leads. The bot is first
/// marked as deleting (it disappears at once); the bot item goes last, so an interrupted
/// delete can simply be retried.
pub async fn delete_cascade(state: &AppState, bot: &Bot) -> anyhow::Result<()> {
    let (tenant_id, bot_id) = (&bot.tenant_id, &bot.id);
    state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::bot(tenant_id, bot_id))))
        .update_expression("SET deleting = :true")
        .expression_attribute_values(":true", aws_sdk_dynamodb::types::AttributeValue::Bool(true))
        .send()
        .await
        .context("marking a bot as deleting")?;

    // Conversations, each with its own partition of messages.
    let conversations =
        query_all(|| super::gsi1_partition(state, keys::bot_conversations_gsi1pk(tenant_id, bot_id))).await?;
    for item in conversations {
        let conversation: super::conversations::Conversation = from_item(item)?;
        super::conversations::erase(state, &conversation).await?;
    }
    let leads = query_all(|| super::gsi1_partition(state, keys::bot_leads_gsi1pk(tenant_id, bot_id))).await?;
    for item in leads {
        let lead: super::leads::Lead = from_item(item)?;
        super::leads::delete(state, &lead).await?;
    }
    super::appointments::delete_all_of_bot(state, tenant_id, bot_id).await?;
    super::metrics::forget_bot(state, tenant_id, bot_id).await?;
    // The WhatsApp integration owns lookups outside the bot partition and a secret.
    super::whatsapp::delete_integration(state, tenant_id, bot_id).await?;
    let rest = query_all(|| super::partition(state, keys::bot_pk(tenant_id, bot_id))).await?;
    batch::delete_items(state, &rest).await?;
    let table = state.table();
    let mut items = vec![delete(table, &keys::bot_key(&bot.public_key)), delete(table, &keys::bot(tenant_id, bot_id))];
    items.extend(counters::bump(table, tenant_id, None, &[(Counter::Bots, -1)]));
    state.dynamo.transact_write_items().set_transact_items(Some(items)).send().await.context("deleting a bot")?;
    Ok(())
}
