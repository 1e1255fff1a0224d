//! Team notification events and each member's choices.
//!
//! An event (a handoff, a new lead) is written in the same transaction as the change that
//! raises it, under an id derived from that change, so it exists exactly when the change does
//! and a retried change cannot raise it twice. Pending events sit in one GSI1 partition by the
//! time they are due; the notifier (`crate::notify`) claims each with a condition, sends, and
//! moves it out of that partition.

use serde::{Deserialize, Serialize};

use super::page::{decode_all, query_all};
use super::{Write, from_item, key_map, n, s, to_item, with_gsi1};
use crate::ids::{ConversationId, LeadId, MessageId, TenantId, UserId};
use crate::keys;
use crate::state::AppState;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A conversation came to the team (the bot handed it over, or a resolved one reopened).
    Handoff,
    /// A handed-off customer still has no answer from a person.
    Waiting,
    /// A new lead.
    Lead,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub tenant_id: TenantId,
    pub kind: Kind,
    #[serde(default)]
    pub conversation_id: Option<ConversationId>,
    /// The message that raised it (a person's answer after it ends the wait).
    #[serde(default)]
    pub message_id: Option<MessageId>,
    #[serde(default)]
    pub lead_id: Option<LeadId>,
    /// Epoch seconds it is due at.
    pub due_at: i64,
    pub created_at: String,
}

const PENDING: &str = keys::NOTIFICATIONS_PENDING_GSI1PK;
/// How long a claim holds before another notifier may take the event over.
pub const CLAIM_SECS: i64 = 300;
/// How long a handled event is kept (so a late retry of its change finds it handled).
const KEEP_SECS: i64 = 14 * 24 * 3600;

fn key(tenant_id: &TenantId, id: &str) -> (String, String) {
    keys::notification(tenant_id, id)
}

/// Deletes the events with these ids (what they were about is being erased).
pub async fn forget(state: &AppState, tenant_id: &TenantId, ids: &[String]) -> anyhow::Result<()> {
    let items: Vec<super::Item> = ids.iter().map(|id| key_map(&key(tenant_id, id))).collect();
    super::batch::delete_items(state, &items).await
}

fn due_key(due_at: i64, tenant_id: &TenantId, id: &str) -> String {
    format!("{due_at:012}#{tenant_id}#{id}")
}

/// The event's write, for the transaction of the change that raises it. Its id comes from
/// that change (the message or lead it is about), whose own write is conditional: a retried
/// change that already happened fails as a whole, so an event is raised once.
pub fn raise(table: &str, event: &Event) -> anyhow::Result<Write> {
    let item = with_gsi1(
        to_item(event, key(&event.tenant_id, &event.id), "notification")?,
        (PENDING.to_string(), due_key(event.due_at, &event.tenant_id, &event.id)),
    );
    Ok(Write(super::put(table, item)))
}

/// Pending events due by `now` (epoch seconds), oldest first, at most `limit`.
pub async fn due(state: &AppState, now: i64, limit: i32) -> anyhow::Result<Vec<Event>> {
    let out = state
        .dynamo
        .query()
        .table_name(state.table())
        .index_name(keys::GSI1)
        .key_condition_expression("GSI1PK = :pk AND GSI1SK < :until")
        .expression_attribute_values(":pk", s(PENDING))
        .expression_attribute_values(":until", s(format!("{:012}~", now)))
        .limit(limit)
        .send()
        .await?;
    out.items.unwrap_or_default().into_iter().map(from_item).collect()
}

/// Takes the event for `CLAIM_SECS` unless it is handled or another notifier holds it.
pub async fn claim(state: &AppState, event: &Event, now: i64) -> anyhow::Result<bool> {
    let result = state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&key(&event.tenant_id, &event.id))))
        .update_expression("SET claimed_until = :until")
        .condition_expression(
            "attribute_exists(PK) AND attribute_not_exists(handled) AND due_at = :due \
             AND (attribute_not_exists(claimed_until) OR claimed_until < :now)",
        )
        .expression_attribute_values(":until", n(now + CLAIM_SECS))
        .expression_attribute_values(":now", n(now))
        .expression_attribute_values(":due", n(event.due_at))
        .send()
        .await;
    match result {
        Ok(_) => Ok(true),
        Err(e) if super::is_condition_failed(&e) => Ok(false),
        Err(e) => Err(anyhow::Error::new(e).context("claiming a notification")),
    }
}

/// The event is dealt with: out of the pending partition, kept a while, then expired.
pub async fn handled(state: &AppState, event: &Event, now: i64) -> anyhow::Result<()> {
    state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&key(&event.tenant_id, &event.id))))
        .update_expression("SET handled = :now, #exp = :exp REMOVE GSI1PK, GSI1SK, claimed_until")
        .expression_attribute_names("#exp", keys::EXPIRES_AT)
        .expression_attribute_values(":now", n(now))
        .expression_attribute_values(":exp", n(now + KEEP_SECS))
        .send()
        .await?;
    Ok(())
}

/// The event comes back later as another kind (a handoff becomes a wait check).
pub async fn defer(state: &AppState, event: &Event, kind: Kind, due_at: i64) -> anyhow::Result<()> {
    state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&key(&event.tenant_id, &event.id))))
        .update_expression("SET kind = :kind, due_at = :due, GSI1SK = :sk REMOVE claimed_until")
        .condition_expression("attribute_not_exists(handled)")
        .expression_attribute_values(":kind", serde_dynamo::to_attribute_value(kind)?)
        .expression_attribute_values(":due", n(due_at))
        .expression_attribute_values(":sk", s(due_key(due_at, &event.tenant_id, &event.id)))
        .send()
        .await?;
    Ok(())
}

/// What a member wants to be told by e-mail, in one tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// A conversation came to the team (theirs, or nobody's).
    pub handoff: bool,
    /// A handed-off customer is still waiting for a person.
    pub waiting: bool,
    /// A new lead.
    pub lead: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Self { handoff: true, waiting: true, lead: true }
    }
}

impl Preferences {
    pub fn wants(&self, kind: Kind) -> bool {
        match kind {
            Kind::Handoff => self.handoff,
            Kind::Waiting => self.waiting,
            Kind::Lead => self.lead,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct StoredPreferences {
    user_id: UserId,
    #[serde(flatten)]
    preferences: Preferences,
}

fn preferences_key(tenant_id: &TenantId, user_id: &UserId) -> (String, String) {
    keys::notification_preferences(tenant_id, user_id)
}

pub async fn preferences(state: &AppState, tenant_id: &TenantId, user_id: &UserId) -> anyhow::Result<Preferences> {
    let stored: Option<StoredPreferences> = super::get(state, &preferences_key(tenant_id, user_id)).await?;
    Ok(stored.map(|p| p.preferences).unwrap_or_default())
}

/// Every member's choices that differ from the defaults (one query).
pub async fn all_preferences(
    state: &AppState,
    tenant_id: &TenantId,
) -> anyhow::Result<std::collections::HashMap<UserId, Preferences>> {
    let items =
        query_all(|| super::partition_prefix(state, keys::tenant_pk(tenant_id), keys::NOTIFICATION_PREFERENCES_PREFIX))
            .await?;
    let stored: Vec<StoredPreferences> = decode_all(items)?;
    Ok(stored.into_iter().map(|p| (p.user_id, p.preferences)).collect())
}

pub async fn set_preferences(
    state: &AppState,
    tenant_id: &TenantId,
    user_id: &UserId,
    preferences: Preferences,
) -> anyhow::Result<()> {
    let item = to_item(
        &StoredPreferences { user_id: user_id.clone(), preferences },
        preferences_key(tenant_id, user_id),
        "notification_preferences",
    )?;
    state.dynamo.put_item().table_name(state.table()).set_item(Some(item)).send().await?;
    Ok(())
}

/// Minutes a handed-off customer waits for a person before the team is reminded, unless the
/// tenant chose otherwise (0: never).
pub const DEFAULT_WAIT_MINUTES: u32 = 10;

#[derive(Debug, Serialize, Deserialize)]
struct TenantSettings {
    wait_alert_minutes: u32,
}

fn settings_key(tenant_id: &TenantId) -> (String, String) {
    keys::notification_settings(tenant_id)
}

pub async fn wait_minutes(state: &AppState, tenant_id: &TenantId) -> anyhow::Result<u32> {
    let stored: Option<TenantSettings> = super::get(state, &settings_key(tenant_id)).await?;
    Ok(stored.map_or(DEFAULT_WAIT_MINUTES, |s| s.wait_alert_minutes))
}

pub async fn set_wait_minutes(state: &AppState, tenant_id: &TenantId, minutes: u32) -> anyhow::Result<()> {
    let item =
        to_item(&TenantSettings { wait_alert_minutes: minutes }, settings_key(tenant_id), "notification_settings")?;
    state.dynamo.put_item().table_name(state.table()).set_item(Some(item)).send().await?;
    Ok(())
}
