//! Leads: merged per bot by phone or email, listed per tenant and per bot.

use anyhow::Context;
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::types::{Delete, Put, TransactWriteItem};
use serde::{Deserialize, Serialize};

use super::counters::{self, Counter, day_of};
use super::page::{Listing, Page, decode_all, query_all, query_page};
use super::{get, key_map, put_new, s, to_item, with_gsi1};
use crate::error::ApiResult;
use crate::keys;
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadStatus {
    New,
    Contacted,
    Won,
    Lost,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadSource {
    Whatsapp,
    WebWidget,
    Dashboard,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Lead {
    pub id: crate::ids::LeadId,
    pub tenant_id: crate::ids::TenantId,
    pub bot_id: crate::ids::BotId,
    pub bot_name: String,
    pub conversation_id: Option<crate::ids::ConversationId>,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<crate::domain::PhoneE164>,
    pub notes: String,
    pub status: LeadStatus,
    pub source: LeadSource,
    pub created_at: String,
    pub updated_at: String,
}

/// Contact details to save (already validated and normalised).
#[derive(Debug, Clone)]
pub struct LeadInput {
    pub bot_id: crate::ids::BotId,
    pub bot_name: String,
    pub conversation_id: Option<crate::ids::ConversationId>,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<crate::domain::PhoneE164>,
    pub note: Option<String>,
    pub source: LeadSource,
}

#[derive(Serialize, Deserialize)]
struct LeadPointer {
    lead_id: crate::ids::LeadId,
}

/// Lowercased, diacritic-folded text that `?q=` searches.
pub fn search_text(lead: &Lead) -> String {
    let raw = format!("{} {} {}", lead.name, lead.email.as_deref().unwrap_or(""), lead.phone.as_deref().unwrap_or(""));
    crate::ai::text::fold(&raw)
}

fn lead_item(lead: &Lead) -> anyhow::Result<super::Item> {
    let mut item = with_gsi1(
        to_item(lead, keys::lead(&lead.tenant_id, &lead.id), "lead")?,
        keys::lead_gsi1(&lead.tenant_id, &lead.bot_id, &lead.id),
    );
    item.insert("search".into(), s(search_text(lead)));
    Ok(item)
}

fn pointer_keys(
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    email: Option<&str>,
    phone: Option<&str>,
) -> Vec<(String, String)> {
    let mut keys = Vec::new();
    if let Some(p) = phone {
        keys.push(keys::lead_key(tenant_id, bot_id, "phone", p));
    }
    if let Some(e) = email {
        keys.push(keys::lead_key(tenant_id, bot_id, "email", e));
    }
    keys
}

pub async fn get_lead(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    lead_id: &crate::ids::LeadId,
) -> anyhow::Result<Option<Lead>> {
    get(state, &keys::lead(tenant_id, lead_id)).await
}

/// The most a lead's notes hold (characters): later notes are dropped, so no stream of
/// submissions can grow a lead towards DynamoDB's 400 KB item limit.
pub const MAX_NOTES_CHARS: usize = 4_000;

fn append_note(notes: &mut String, note: &str) {
    let separator = usize::from(!notes.is_empty());
    if notes.chars().count() + separator + note.chars().count() > MAX_NOTES_CHARS {
        return;
    }
    if separator == 1 {
        notes.push('\n');
    }
    notes.push_str(note);
}

/// The bot's existing lead with this phone or email, if any.
async fn existing_lead(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    input: &LeadInput,
) -> anyhow::Result<Option<Lead>> {
    for key in pointer_keys(tenant_id, &input.bot_id, input.email.as_deref(), input.phone.as_deref()) {
        if let Some(p) = get::<LeadPointer>(state, &key).await?
            && let Some(lead) = get_lead(state, tenant_id, &p.lead_id).await?
        {
            return Ok(Some(lead));
        }
    }
    Ok(None)
}

/// A submission from the public side (the widget's form), which nobody has authenticated:
/// it never changes an existing lead's name, e-mail or phone. When the bot already has a lead
/// with that phone or e-mail, the submission is recorded as a dated line in that lead's notes
/// (for the team to check and copy); otherwise it becomes a new lead.
pub async fn record_public_submission(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    input: LeadInput,
) -> anyhow::Result<Lead> {
    let Some(mut lead) = existing_lead(state, tenant_id, &input).await? else {
        return Ok(upsert(state, tenant_id, input).await?.0);
    };
    note_submission(state, &mut lead, "web formu", &input, true).await?;
    Ok(lead)
}

/// Records unverified contact details on an existing lead as a dated note line, never
/// replacing what it holds.
async fn note_submission(
    state: &AppState,
    lead: &mut Lead,
    origin: &str,
    input: &LeadInput,
    with_note: bool,
) -> anyhow::Result<()> {
    let mut line = format!("[{}] {origin}: {}", crate::ids::now_rfc3339(), input.name);
    let note = input.note.as_deref().filter(|_| with_note);
    for value in [input.email.as_deref(), input.phone.as_deref(), note].into_iter().flatten() {
        line.push_str(" · ");
        line.push_str(value);
    }
    append_note(&mut lead.notes, &line);
    lead.updated_at = crate::ids::now_rfc3339();
    save(state, lead).await
}

/// Contact details a customer gave in their own conversation (typed, or collected by the
/// model). They fill the conversation's lead where it has nothing yet, or start one; they
/// never replace what a lead holds, and details that match another lead become a dated note
/// on it (as the public form's do), since nobody has verified who typed them.
pub async fn record_from_conversation(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    conversation_lead: Option<&crate::ids::LeadId>,
    input: LeadInput,
) -> anyhow::Result<Lead> {
    let own = match conversation_lead {
        Some(id) => get_lead(state, tenant_id, id).await?,
        None => None,
    };
    let Some(mut lead) = own else {
        return record_public_submission(state, tenant_id, input).await;
    };
    let mut taken = Vec::new();
    let mut new_keys = Vec::new();
    for (kind, value, current) in [
        ("email", input.email.as_deref(), lead.email.clone()),
        ("phone", input.phone.as_deref(), lead.phone.clone().map(String::from)),
    ] {
        let Some(value) = value.filter(|v| current.as_deref() != Some(*v)) else { continue };
        let key = keys::lead_key(tenant_id, &input.bot_id, kind, value);
        match get::<LeadPointer>(state, &key).await? {
            Some(p) if p.lead_id != lead.id => taken.push(p.lead_id),
            Some(_) => {}
            None if current.is_none() => {
                match kind {
                    "email" => lead.email = Some(value.to_string()),
                    _ => lead.phone = input.phone.clone(),
                }
                new_keys.push(key);
            }
            None => {
                append_note(
                    &mut lead.notes,
                    &format!("[{}] sohbette verilen {kind}: {value}", crate::ids::now_rfc3339()),
                );
            }
        }
    }
    if lead.name.is_empty() && !input.name.is_empty() {
        lead.name = input.name.clone();
    }
    lead.updated_at = crate::ids::now_rfc3339();
    // A pointer another conversation claimed meanwhile cancels the fill (retried by the caller's retry).
    save_with_pointers(state, &lead, new_keys, true).await.context("filling a lead")?;
    for other in taken {
        if let Some(mut matched) = get_lead(state, tenant_id, &other).await? {
            note_submission(state, &mut matched, "başka bir sohbette verildi", &input, false).await?;
        }
    }
    Ok(lead)
}

/// Writes `lead` and points `new_keys` (its phone / e-mail keys) at it, in one transaction;
/// with `claim`, a key another lead holds cancels it.
async fn save_with_pointers(
    state: &AppState,
    lead: &Lead,
    new_keys: Vec<(String, String)>,
    claim: bool,
) -> anyhow::Result<()> {
    let table = state.table();
    let mut items = vec![
        TransactWriteItem::builder()
            .put(Put::builder().table_name(table).set_item(Some(lead_item(lead)?)).build().expect("complete"))
            .build(),
    ];
    for key in new_keys {
        let pointer = to_item(&LeadPointer { lead_id: lead.id.clone() }, key, "lead_key")?;
        items.push(if claim {
            put_new(table, pointer)
        } else {
            TransactWriteItem::builder()
                .put(Put::builder().table_name(table).set_item(Some(pointer)).build().expect("complete"))
                .build()
        });
    }
    state.dynamo.transact_write_items().set_transact_items(Some(items)).send().await?;
    Ok(())
}

/// Saves a lead, merging it into the bot's existing lead with the same phone or email.
/// Returns the lead and whether it is new.
pub async fn upsert(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    input: LeadInput,
) -> anyhow::Result<(Lead, bool)> {
    let table = state.table();
    for _ in 0..3 {
        let existing = existing_lead(state, tenant_id, &input).await?;
        let now = crate::ids::now_rfc3339();
        if let Some(mut lead) = existing {
            if !input.name.is_empty() {
                lead.name = input.name.clone();
            }
            let new_keys: Vec<_> = pointer_keys(
                tenant_id,
                &input.bot_id,
                input.email.as_deref().filter(|e| lead.email.as_deref() != Some(e)),
                input.phone.as_deref().filter(|p| lead.phone.as_deref() != Some(p)),
            );
            lead.email = input.email.clone().or(lead.email);
            lead.phone = input.phone.clone().or(lead.phone);
            if let Some(note) = input.note.as_deref().filter(|n| !n.is_empty() && !lead.notes.contains(*n)) {
                append_note(&mut lead.notes, note);
            }
            if lead.conversation_id.is_none() {
                lead.conversation_id = input.conversation_id.clone();
            }
            lead.updated_at = now;
            save_with_pointers(state, &lead, new_keys, false).await.context("merging a lead")?;
            link_conversation(state, &lead).await?;
            return Ok((lead, false));
        }
        let lead = Lead {
            id: crate::ids::LeadId::generate(),
            tenant_id: tenant_id.clone(),
            bot_id: input.bot_id.clone(),
            bot_name: input.bot_name.clone(),
            conversation_id: input.conversation_id.clone(),
            name: input.name.clone(),
            email: input.email.clone(),
            phone: input.phone.clone(),
            notes: input.note.clone().unwrap_or_default(),
            status: LeadStatus::New,
            source: input.source,
            created_at: now.clone(),
            updated_at: now.clone(),
        };
        let mut items = vec![put_new(table, lead_item(&lead)?)];
        for key in pointer_keys(tenant_id, &lead.bot_id, lead.email.as_deref(), lead.phone.as_deref()) {
            items.push(put_new(table, to_item(&LeadPointer { lead_id: lead.id.clone() }, key, "lead_key")?));
        }
        items.extend(counters::bump(table, tenant_id, Some(day_of(&now)), &[(Counter::Leads, 1)]));
        let event = super::notifications::Event {
            id: keys::lead_event_id(&lead.id),
            tenant_id: tenant_id.clone(),
            kind: super::notifications::Kind::Lead,
            conversation_id: lead.conversation_id.clone(),
            message_id: None,
            lead_id: Some(lead.id.clone()),
            due_at: crate::ids::epoch_secs(),
            created_at: now.clone(),
        };
        items.push(super::notifications::raise(table, &event)?.0);
        let channel = match lead.source {
            LeadSource::Whatsapp => "whatsapp",
            LeadSource::WebWidget => "web_widget",
            LeadSource::Dashboard => "dashboard",
        };
        let leads_metric = super::metrics::Delta::count(super::metrics::Metric::Leads);
        items.push(super::metrics::add(table, tenant_id, day_of(&now), &lead.bot_id, channel, &leads_metric));
        match state.dynamo.transact_write_items().set_transact_items(Some(items)).send().await {
            Ok(_) => {
                link_conversation(state, &lead).await?;
                return Ok((lead, true));
            }
            // A concurrent save claimed the phone or email first: merge into it.
            Err(err) if super::cancellation_reasons(&err).is_some() => continue,
            Err(err) => return Err(anyhow::Error::new(err).context("saving a lead")),
        }
    }
    anyhow::bail!("could not settle a lead after 3 attempts")
}

async fn link_conversation(state: &AppState, lead: &Lead) -> anyhow::Result<()> {
    let Some(conversation_id) = &lead.conversation_id else { return Ok(()) };
    if let Some(c) = super::conversations::get_conversation(state, &lead.tenant_id, conversation_id).await?
        && c.bot_id == lead.bot_id
    {
        super::conversations::set_lead(state, &c, Some(&lead.id)).await?;
    }
    Ok(())
}

/// Saves status and notes.
pub async fn save(state: &AppState, lead: &Lead) -> anyhow::Result<()> {
    state
        .dynamo
        .put_item()
        .table_name(state.table())
        .set_item(Some(lead_item(lead)?))
        .condition_expression("attribute_exists(PK)")
        .send()
        .await
        .context("saving a lead")?;
    Ok(())
}

/// Deletes a lead, its merge keys and its share of the counters; its conversation forgets it.
pub async fn delete(state: &AppState, lead: &Lead) -> anyhow::Result<()> {
    let table = state.table();
    let delete = |key: (String, String), must_exist: bool| {
        let mut d = Delete::builder().table_name(table).set_key(Some(key_map(&key)));
        if must_exist {
            d = d.condition_expression("attribute_exists(PK)");
        }
        TransactWriteItem::builder().delete(d.build().expect("complete")).build()
    };
    let mut items = vec![delete(keys::lead(&lead.tenant_id, &lead.id), true)];
    items.push(delete(keys::notification(&lead.tenant_id, &keys::lead_event_id(&lead.id)), false));
    for key in pointer_keys(&lead.tenant_id, &lead.bot_id, lead.email.as_deref(), lead.phone.as_deref()) {
        items.push(delete(key, false));
    }
    items.extend(counters::bump(table, &lead.tenant_id, Some(day_of(&lead.created_at)), &[(Counter::Leads, -1)]));
    match state.dynamo.transact_write_items().set_transact_items(Some(items)).send().await {
        Ok(_) => {}
        Err(err) if super::cancellation_reasons(&err).is_some() => return Ok(()),
        Err(err) => return Err(anyhow::Error::new(err).context("deleting a lead")),
    }
    if let Some(conversation_id) = &lead.conversation_id
        && let Some(c) = super::conversations::get_conversation(state, &lead.tenant_id, conversation_id).await?
        && c.lead_id.as_deref() == Some(lead.id.as_str())
    {
        super::conversations::set_lead(state, &c, None).await?;
    }
    Ok(())
}

/// The filters of a tenant-wide lead listing (`q`: folded words that must all appear).
#[derive(Debug, Default, Clone)]
pub struct LeadFilter {
    pub q: Option<String>,
    pub from: Option<time::Date>,
    pub to: Option<time::Date>,
    pub status: Option<String>,
    pub bot_id: Option<crate::ids::BotId>,
}

/// The tenant's leads matching `filter`, newest first.
pub async fn page(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    filter: &LeadFilter,
    listing: Listing,
) -> ApiResult<Page<Lead>> {
    query_page(state, listing, false, || lead_query(state, tenant_id, filter)).await
}

/// Every lead matching `filter` (the CSV export).
pub async fn all_matching(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    filter: &LeadFilter,
) -> anyhow::Result<Vec<Lead>> {
    decode_all(query_all(|| lead_query(state, tenant_id, filter)).await?)
}

/// One bot's leads, newest first.
pub async fn page_of_bot(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    listing: Listing,
) -> ApiResult<Page<Lead>> {
    query_page(state, listing, true, || {
        super::gsi1_partition(state, keys::bot_leads_gsi1pk(tenant_id, bot_id)).scan_index_forward(false)
    })
    .await
}

/// The smallest (or largest) ULID of a UTC day, for a key range over lead ids.
fn ulid_bound(date: time::Date, end: bool) -> String {
    let day = date.midnight().assume_utc();
    // ULIDs hold milliseconds since 1970 in 48 bits: dates outside that range are clamped.
    let clamp = |ms: i128| ms.clamp(0, (1i128 << 48) - 1) as u64;
    let (ms, random) = if end {
        let next = day.checked_add(time::Duration::days(1));
        (clamp(next.map_or(i128::MAX, |d| d.unix_timestamp() as i128 * 1000 - 1)), (1u128 << 80) - 1)
    } else {
        (clamp(day.unix_timestamp() as i128 * 1000), 0)
    };
    ulid::Ulid::from_parts(ms, random).to_string().to_lowercase()
}

fn lead_query(state: &AppState, tenant_id: &crate::ids::TenantId, f: &LeadFilter) -> QueryFluentBuilder {
    let low = f.from.map(|d| ulid_bound(d, false)).unwrap_or_default();
    let high = f.to.map(|d| ulid_bound(d, true)).unwrap_or_else(|| "~".into());
    let (low, high) = (keys::lead(tenant_id, &low.into()).1, keys::lead(tenant_id, &high.into()).1);
    let mut q = super::partition_between(state, keys::leads_pk(tenant_id), low, high).scan_index_forward(false);
    let mut filters: Vec<String> = Vec::new();
    if let Some(text) = &f.q {
        // Every word must appear (in any order): "sule cicek" finds `Şule "Çiçek"`.
        q = q.expression_attribute_names("#search", "search");
        for (i, word) in text.split_whitespace().take(8).enumerate() {
            filters.push(format!("contains(#search, :q{i})"));
            q = q.expression_attribute_values(format!(":q{i}"), s(word));
        }
    }
    if let Some(v) = &f.status {
        filters.push("#status = :status".into());
        q = q.expression_attribute_names("#status", "status").expression_attribute_values(":status", s(v));
    }
    if let Some(v) = &f.bot_id {
        filters.push("bot_id = :bot".into());
        q = q.expression_attribute_values(":bot", s(v));
    }
    if !filters.is_empty() {
        q = q.filter_expression(filters.join(" AND "));
    }
    q
}

/// The contact details a bot's turn collected, written in the transaction that stores its reply
/// (kept 8 days, like the turn's markers), so a retry of the turn can still save the lead.
pub fn pending_put(
    table: &str,
    tenant_id: &crate::ids::TenantId,
    conversation_id: &crate::ids::ConversationId,
    reply_id: &crate::ids::MessageId,
    fields: &crate::ai::LeadFields,
) -> anyhow::Result<super::Write> {
    let mut item = to_item(fields, keys::turn_lead(tenant_id, conversation_id, reply_id), "turn_lead")?;
    item.insert(keys::EXPIRES_AT.into(), super::n(crate::ids::epoch_secs() + 8 * 24 * 3600));
    Ok(super::Write(super::put(table, item)))
}

/// What [`pending_put`] kept for a reply, if anything.
pub async fn pending(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    conversation_id: &crate::ids::ConversationId,
    reply_id: &crate::ids::MessageId,
) -> anyhow::Result<Option<crate::ai::LeadFields>> {
    get(state, &keys::turn_lead(tenant_id, conversation_id, reply_id)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_bounds_before_1970_and_far_ahead_are_clamped_not_overflowed() {
        let d = |y, m, day| time::Date::from_calendar_date(y, m, day).unwrap();
        assert_eq!(
            ulid_bound(d(1969, time::Month::January, 1), true),
            ulid::Ulid::from_parts(0, (1u128 << 80) - 1).to_string().to_lowercase()
        );
        assert_eq!(
            ulid_bound(d(1900, time::Month::March, 3), false),
            ulid::Ulid::from_parts(0, 0).to_string().to_lowercase()
        );
        let far = ulid_bound(d(9999, time::Month::December, 31), true);
        assert!(far > ulid_bound(d(2026, time::Month::November, 24), true));
    }
}
