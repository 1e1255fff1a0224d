//! The team's inbox: every conversation of the tenant, across bots and channels, by the
//! customer's last message. GSI2 holds two partitions per tenant, `open` and `resolved`; the
//! views narrower than "open" (needs attention, handed off, mine, unassigned) and the channel
//! and bot filters are filters on the open partition, read one query per page.

use aws_sdk_dynamodb::types::AttributeValue;
use serde::{Deserialize, Serialize};

use super::conversations::{Conversation, Source, Status};
use super::page::{Listing, Page, query_all, query_gsi2_once};
use super::s;
use crate::error::ApiResult;
use crate::ids::{BotId, TenantId, UserId};
use crate::keys;
use crate::state::AppState;

/// An inbox view (a tab of the dashboard's inbox).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// Every conversation not resolved.
    Open,
    /// Open, and flagged for a person (a handoff, or a question the bot could not answer).
    Attention,
    /// Open, and a person has it (the bot is silent).
    HandedOff,
    /// Open, and assigned to the caller.
    Mine,
    /// Open, and assigned to nobody.
    Unassigned,
    Resolved,
}

impl View {
    pub const ALL: [View; 6] =
        [View::Open, View::Attention, View::HandedOff, View::Mine, View::Unassigned, View::Resolved];

    pub fn as_str(self) -> &'static str {
        match self {
            View::Open => "open",
            View::Attention => "attention",
            View::HandedOff => "handed_off",
            View::Mine => "mine",
            View::Unassigned => "unassigned",
            View::Resolved => "resolved",
        }
    }

    pub fn parse(value: &str) -> Option<View> {
        Self::ALL.into_iter().find(|v| v.as_str() == value)
    }

    /// Whether an open conversation belongs to the view (as `me` sees it).
    fn holds(self, c: &Brief, me: &UserId) -> bool {
        match self {
            View::Open => true,
            View::Attention => c.needs_attention,
            View::HandedOff => c.status == Status::HandedOff,
            View::Mine => c.assignee_id.as_ref() == Some(me),
            View::Unassigned => c.assignee_id.is_none(),
            View::Resolved => false,
        }
    }
}

/// What an inbox page shows.
#[derive(Debug, Clone)]
pub struct InboxFilter {
    pub view: View,
    pub source: Option<Source>,
    pub bot_id: Option<BotId>,
}

/// How many items a page reads from the index at most: a narrow view gives a short page (with
/// a cursor) rather than a second query.
const EVALUATE: usize = 200;

/// One page of a view, latest customer message first, in one query of GSI2.
pub async fn page(
    state: &AppState,
    tenant_id: &TenantId,
    me: &UserId,
    filter: &InboxFilter,
    listing: Listing,
) -> ApiResult<Page<Conversation>> {
    let resolved = filter.view == View::Resolved;
    let mut query = state
        .dynamo
        .query()
        .table_name(state.table())
        .index_name(keys::GSI2)
        .key_condition_expression("GSI2PK = :pk")
        .expression_attribute_values(":pk", s(keys::inbox_gsi2pk(tenant_id, resolved)))
        .scan_index_forward(false);
    let mut filters: Vec<&str> = Vec::new();
    match filter.view {
        View::Open | View::Resolved => {}
        View::Attention => {
            filters.push("needs_attention = :yes");
            query = query.expression_attribute_values(":yes", AttributeValue::Bool(true));
        }
        View::HandedOff => {
            filters.push("#status = :handed_off");
            query = query
                .expression_attribute_names("#status", "status")
                .expression_attribute_values(":handed_off", s("handed_off"));
        }
        View::Mine => {
            filters.push("assignee_id = :me");
            query = query.expression_attribute_values(":me", s(me));
        }
        View::Unassigned => filters.push("attribute_not_exists(assignee_id)"),
    }
    if let Some(source) = filter.source {
        filters.push("#source = :source");
        query = query
            .expression_attribute_names("#source", "source")
            .expression_attribute_values(":source", s(source.as_str()));
    }
    if let Some(bot_id) = &filter.bot_id {
        filters.push("bot_id = :bot");
        query = query.expression_attribute_values(":bot", s(bot_id));
    }
    if !filters.is_empty() {
        query = query.filter_expression(filters.join(" AND "));
    }
    let evaluate = if filters.is_empty() { listing.limit } else { EVALUATE };
    query_gsi2_once(state, listing, evaluate, query).await
}

/// The few fields the counts need.
#[derive(Debug, Deserialize)]
struct Brief {
    status: Status,
    #[serde(default)]
    needs_attention: bool,
    #[serde(default)]
    assignee_id: Option<UserId>,
    #[serde(default)]
    unread: u64,
}

/// A view's size: its conversations, and how many of them have unread customer messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ViewCount {
    pub conversations: u64,
    pub unread: u64,
}

/// Every open view's size (the resolved view is not counted: it only grows).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub open: ViewCount,
    pub attention: ViewCount,
    pub handed_off: ViewCount,
    pub mine: ViewCount,
    pub unassigned: ViewCount,
    /// Customer messages nobody on the team has read yet, over all open conversations.
    pub unread_messages: u64,
}

/// Counts the open views from the open partition, reading only the fields they need.
pub async fn counts(state: &AppState, tenant_id: &TenantId, me: &UserId) -> anyhow::Result<Counts> {
    let items = query_all(|| {
        state
            .dynamo
            .query()
            .table_name(state.table())
            .index_name(keys::GSI2)
            .key_condition_expression("GSI2PK = :pk")
            .expression_attribute_values(":pk", s(keys::inbox_gsi2pk(tenant_id, false)))
            .projection_expression("#status, needs_attention, assignee_id, unread")
            .expression_attribute_names("#status", "status")
    })
    .await?;
    let mut counts = Counts::default();
    for item in items {
        let brief: Brief = super::from_item(item)?;
        counts.unread_messages += brief.unread;
        let slots: [(View, &mut ViewCount); 5] = [
            (View::Open, &mut counts.open),
            (View::Attention, &mut counts.attention),
            (View::HandedOff, &mut counts.handed_off),
            (View::Mine, &mut counts.mine),
            (View::Unassigned, &mut counts.unassigned),
        ];
        for (view, count) in slots {
            if view.holds(&brief, me) {
                count.conversations += 1;
                count.unread += u64::from(brief.unread > 0);
            }
        }
    }
    Ok(counts)
}

/// The version of the inbox index a tenant's conversations are in (on its totals item).
const INDEXED: &str = "inbox_indexed";

/// Conversations stored before the inbox existed get their place in it, once per tenant: each
/// bot's conversations without inbox keys are given them (latest activity as the customer's
/// last message), each by a conditional write, so two first requests at once do no harm.
pub async fn ensure_indexed(state: &AppState, tenant_id: &TenantId) -> anyhow::Result<()> {
    use anyhow::Context;
    let stats = super::key_map(&keys::stats(tenant_id));
    let out = state
        .dynamo
        .get_item()
        .table_name(state.table())
        .set_key(Some(stats.clone()))
        .projection_expression(INDEXED)
        .send()
        .await
        .context("reading the inbox's version")?;
    if out.item.is_some_and(|i| i.contains_key(INDEXED)) {
        return Ok(());
    }
    for bot in super::bots::list(state, tenant_id).await? {
        let items = query_all(|| {
            super::gsi1_partition(state, keys::bot_conversations_gsi1pk(tenant_id, &bot.id))
                .filter_expression("attribute_not_exists(GSI2PK)")
        })
        .await?;
        for item in items {
            let c: Conversation = super::from_item(item.clone())?;
            let activity = item
                .get(keys::GSI1SK)
                .and_then(|v| v.as_s().ok())
                .and_then(|sk| sk.split('#').next())
                .unwrap_or(c.id.as_str())
                .to_string();
            let (pk, sk) = keys::conversation_gsi2(tenant_id, c.status == Status::Closed, &activity, &c.id);
            let result = state
                .dynamo
                .update_item()
                .table_name(state.table())
                .set_key(Some(super::key_map(&keys::conversation(tenant_id, &c.id))))
                .update_expression("SET GSI2PK = :pk, GSI2SK = :sk")
                .condition_expression("attribute_exists(PK) AND attribute_not_exists(GSI2PK)")
                .expression_attribute_values(":pk", s(pk))
                .expression_attribute_values(":sk", s(sk))
                .send()
                .await;
            match result {
                Ok(_) => {}
                Err(e) if super::is_condition_failed(&e) => {}
                Err(e) => return Err(anyhow::Error::new(e).context("adding a conversation to the inbox")),
            }
        }
    }
    state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(stats))
        .update_expression("SET #v = :v, #type = :type")
        .expression_attribute_names("#v", INDEXED)
        .expression_attribute_names("#type", keys::TYPE)
        .expression_attribute_values(":v", super::n(1))
        .expression_attribute_values(":type", s("counter"))
        .send()
        .await
        .context("recording the inbox's version")?;
    Ok(())
}

/// The contact's other conversations (the same WhatsApp number or widget visitor with the
/// business's other bots) and their leads.
#[derive(Debug, Serialize)]
pub struct Related {
    pub conversations: Vec<Conversation>,
    pub leads: Vec<super::leads::Lead>,
}

/// What the business knows of the contact of `c`: one batch of pointer reads over its bots, one
/// of the items they name (a business has a handful of bots; at most 50 are looked at).
pub async fn related(state: &AppState, c: &Conversation) -> anyhow::Result<Related> {
    use super::batch::get_many;
    let tenant_id = &c.tenant_id;
    let bots: Vec<_> = super::bots::list(state, tenant_id).await?.into_iter().take(50).collect();
    let phone = (c.source == Source::Whatsapp).then(|| format!("+{}", c.external_user_id));
    let mut wanted = Vec::new();
    for bot in &bots {
        wanted.push(keys::visitor(tenant_id, &bot.id, c.source.as_str(), &c.external_user_id));
        if let Some(phone) = &phone {
            wanted.push(keys::lead_key(tenant_id, &bot.id, "phone", phone));
        }
    }
    let mut conversation_keys = Vec::new();
    let mut lead_ids: Vec<crate::ids::LeadId> = c.lead_id.iter().cloned().collect();
    for item in get_many(state, &wanted).await?.into_iter().flatten() {
        // A lead pointer names a lead; a visitor pointer a conversation.
        if let Some(id) = item.get("lead_id").and_then(|v| v.as_s().ok()) {
            lead_ids.push(id.as_str().into());
        } else {
            let id = super::conversations::pointed_conversation(item)?;
            if id != c.id {
                conversation_keys.push(keys::conversation(tenant_id, &id));
            }
        }
    }
    lead_ids.sort();
    lead_ids.dedup();
    let mut conversations: Vec<Conversation> = get_many(state, &conversation_keys)
        .await?
        .into_iter()
        .flatten()
        .map(super::from_item)
        .collect::<anyhow::Result<_>>()?;
    for other in &conversations {
        lead_ids.extend(other.lead_id.iter().cloned());
    }
    lead_ids.sort();
    lead_ids.dedup();
    let lead_keys: Vec<_> = lead_ids.iter().map(|id| keys::lead(tenant_id, id)).collect();
    let leads = get_many(state, &lead_keys)
        .await?
        .into_iter()
        .flatten()
        .map(super::from_item)
        .collect::<anyhow::Result<_>>()?;
    conversations.sort_by(|a, b| b.last_message_at.cmp(&a.last_message_at));
    Ok(Related { conversations, leads })
}
