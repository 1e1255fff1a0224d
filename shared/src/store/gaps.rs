//! Knowledge gaps: questions the bot could not answer, one item per normalised question with
//! a count, listed most recent first (GSI1) so the tenant can turn them into knowledge.

use anyhow::Context;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{key_map, n, s};
use crate::keys;
use crate::state::AppState;

/// Characters of the question kept.
const MAX_QUESTION_CHARS: usize = 500;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KnowledgeGap {
    pub id: String,
    pub bot_id: crate::ids::BotId,
    pub question: String,
    pub count: u64,
    pub last_conversation_id: Option<crate::ids::ConversationId>,
    pub last_asked_at: String,
    /// What a person from the team answered in that conversation right after the question.
    #[serde(default)]
    pub operator_reply: Option<String>,
}

/// The question as matched for deduplication: folded, letters and digits only, single spaces.
pub fn normalise(question: &str) -> String {
    let folded = crate::ai::text::fold(question);
    let cleaned: String = folded.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A stable id for a normalised question, in the shape of our other ids (26 × [0-9a-z]).
pub fn gap_id(normalised: &str) -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let digest = Sha256::digest(normalised.as_bytes());
    digest.iter().take(26).map(|b| ALPHABET[(*b & 31) as usize] as char).collect()
}

/// Counts one more time the bot could not answer `question`.
pub async fn record(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    question: &str,
    conversation_id: &crate::ids::ConversationId,
) -> anyhow::Result<()> {
    let Some(update) = gap_update(state.table(), tenant_id, bot_id, question, conversation_id) else {
        return Ok(());
    };
    let (key, expr, names, values) =
        (update.key, update.update_expression, update.expression_attribute_names, update.expression_attribute_values);
    state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key))
        .update_expression(expr)
        .set_expression_attribute_names(names)
        .set_expression_attribute_values(values)
        .send()
        .await
        .context("recording a knowledge gap")?;
    Ok(())
}

/// The write that counts a gap, to go into the transaction that stores the bot's reply (so a
/// retried turn counts it once). `None` when nothing of the question is left to match on.
pub fn record_update(
    table: &str,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    question: &str,
    conversation_id: &crate::ids::ConversationId,
) -> Option<super::Write> {
    let update = gap_update(table, tenant_id, bot_id, question, conversation_id)?;
    Some(super::Write(aws_sdk_dynamodb::types::TransactWriteItem::builder().update(update).build()))
}

fn gap_update(
    table: &str,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    question: &str,
    conversation_id: &crate::ids::ConversationId,
) -> Option<aws_sdk_dynamodb::types::Update> {
    let normalised = normalise(question);
    if normalised.is_empty() {
        return None;
    }
    let id = gap_id(&normalised);
    let (gsi1pk, gsi1sk) = keys::gap_gsi1(tenant_id, bot_id, &crate::ids::new_id(), &id);
    let text: String = question.trim().chars().take(MAX_QUESTION_CHARS).collect();
    aws_sdk_dynamodb::types::Update::builder()
        .table_name(table)
        .set_key(Some(key_map(&keys::gap(tenant_id, bot_id, &id))))
        .update_expression(
            "ADD #count :one SET id = :id, bot_id = :bot, question = :q, last_conversation_id = :c, \
             last_asked_at = :t, GSI1PK = :g1, GSI1SK = :g2, #type = :type",
        )
        .expression_attribute_names("#count", "count")
        .expression_attribute_names("#type", keys::TYPE)
        .expression_attribute_values(":one", n(1))
        .expression_attribute_values(":id", s(&id))
        .expression_attribute_values(":bot", s(bot_id))
        .expression_attribute_values(":q", s(text))
        .expression_attribute_values(":c", s(conversation_id))
        .expression_attribute_values(":t", s(crate::ids::now_rfc3339()))
        .expression_attribute_values(":g1", s(gsi1pk))
        .expression_attribute_values(":g2", s(gsi1sk))
        .expression_attribute_values(":type", s("gap"))
        .build()
        .ok()
}

/// A bot's gaps, most recently asked first.
pub async fn page_of_bot(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    listing: super::page::Listing,
) -> crate::error::ApiResult<super::page::Page<KnowledgeGap>> {
    super::page::query_page(state, listing, true, || {
        super::gsi1_partition(state, keys::bot_gaps_gsi1pk(tenant_id, bot_id)).scan_index_forward(false)
    })
    .await
}

/// Dismisses a gap; `false` when there was none.
pub async fn dismiss(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    gap_id: &str,
) -> anyhow::Result<bool> {
    let out = state
        .dynamo
        .delete_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::gap(tenant_id, bot_id, gap_id))))
        .return_values(aws_sdk_dynamodb::types::ReturnValue::AllOld)
        .send()
        .await
        .context("dismissing a knowledge gap")?;
    Ok(out.attributes.is_some())
}

/// Keeps a team member's reply on the gap their conversation's question left (the first reply
/// after it): a ready answer when the gap becomes a knowledge item. Nothing when that question
/// left no gap, or the gap is another conversation's.
pub async fn note_operator_reply(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    conversation_id: &crate::ids::ConversationId,
    question: &str,
    reply: &str,
) -> anyhow::Result<()> {
    let normalised = normalise(&crate::ai::contact::redact(question));
    if normalised.is_empty() {
        return Ok(());
    }
    let out = state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::gap(tenant_id, bot_id, &gap_id(&normalised)))))
        .update_expression("SET operator_reply = :r")
        .condition_expression(
            "attribute_exists(PK) AND last_conversation_id = :c AND attribute_not_exists(operator_reply)",
        )
        .expression_attribute_values(":r", s(reply.chars().take(4000).collect::<String>()))
        .expression_attribute_values(":c", s(conversation_id))
        .send()
        .await;
    match out {
        Ok(_) => Ok(()),
        Err(e) if super::is_condition_failed(&e) => Ok(()),
        Err(e) => Err(anyhow::Error::new(e).context("noting an operator's reply on a gap")),
    }
}

/// One gap of a bot.
pub async fn get_gap(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    gap_id: &str,
) -> anyhow::Result<Option<KnowledgeGap>> {
    super::get(state, &keys::gap(tenant_id, bot_id, gap_id)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_that_differ_in_case_accents_and_punctuation_are_one_gap() {
        let a = normalise("  Otopark var mı?? ");
        let b = normalise("OTOPARK VAR MI");
        assert_eq!(a, "otopark var mi");
        assert_eq!(gap_id(&a), gap_id(&b));
        assert!(crate::ids::is_id(&gap_id(&a)));
        assert_ne!(gap_id(&a), gap_id("otopark yok mu"));
    }
}
