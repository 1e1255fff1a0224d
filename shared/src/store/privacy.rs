//! What the tenant holds about one contact (a data subject's request under KVKK): found by
//! phone or e-mail across the tenant's bots, exported whole, or erased everywhere with an
//! audit line that names no one.

use serde::{Deserialize, Serialize};

use super::appointments::{self, Appointment};
use super::batch::get_many;
use super::conversations::{self, Conversation, Message, Source};
use super::leads::{self, Lead};
use super::page::{decode_all, query_all};
use super::{from_item, to_item};
use crate::ids::{TenantId, UserId};
use crate::keys;
use crate::state::AppState;

/// Who the request is about: a phone (E.164) and/or an e-mail (lowercase).
#[derive(Debug, Clone, Default)]
pub struct Contact {
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// A conversation with its messages and the team's notes.
#[derive(Debug, Serialize)]
pub struct HeldConversation {
    pub conversation: Conversation,
    pub messages: Vec<Message>,
    pub notes: Vec<super::notes::Note>,
}

/// Everything held about the contact.
#[derive(Debug, Serialize)]
pub struct Held {
    pub conversations: Vec<HeldConversation>,
    pub leads: Vec<Lead>,
    pub appointments: Vec<Appointment>,
}

/// Finds it all: the contact's WhatsApp conversations (the phone is the WhatsApp id) and leads
/// on every bot (by the leads' phone and e-mail keys), the conversations those leads came
/// from, and the appointments booked with that phone or e-mail.
pub async fn find(state: &AppState, tenant_id: &TenantId, contact: &Contact) -> anyhow::Result<Held> {
    let bots = super::bots::list(state, tenant_id).await?;
    let mut wanted = Vec::new();
    for bot in &bots {
        if let Some(phone) = &contact.phone {
            wanted.push(keys::lead_key(tenant_id, &bot.id, "phone", phone));
            let wa_id = phone.trim_start_matches('+');
            wanted.push(keys::visitor(tenant_id, &bot.id, Source::Whatsapp.as_str(), wa_id));
        }
        if let Some(email) = &contact.email {
            wanted.push(keys::lead_key(tenant_id, &bot.id, "email", email));
        }
    }
    let mut lead_ids = Vec::new();
    let mut conversation_ids = Vec::new();
    for chunk in wanted.chunks(100) {
        for item in get_many(state, chunk).await?.into_iter().flatten() {
            if let Some(id) = item.get("lead_id").and_then(|v| v.as_s().ok()) {
                lead_ids.push(crate::ids::LeadId::from(id.as_str()));
            } else {
                conversation_ids.push(conversations::pointed_conversation(item)?);
            }
        }
    }
    lead_ids.sort();
    lead_ids.dedup();
    let mut leads = Vec::new();
    for id in &lead_ids {
        if let Some(lead) = leads::get_lead(state, tenant_id, id).await? {
            conversation_ids.extend(lead.conversation_id.iter().cloned());
            leads.push(lead);
        }
    }
    conversation_ids.sort();
    conversation_ids.dedup();
    let mut held = Vec::new();
    for id in &conversation_ids {
        let Some(conversation) = conversations::get_conversation(state, tenant_id, id).await? else { continue };
        let partition = query_all(|| super::partition(state, keys::conversation_pk(tenant_id, id))).await?;
        let mut messages = Vec::new();
        let mut notes = Vec::new();
        for item in partition {
            let sk = item.get(keys::SK).and_then(|v| v.as_s().ok()).cloned().unwrap_or_default();
            if sk.starts_with(keys::MESSAGE_PREFIX) {
                messages.push(from_item(item)?);
            } else if sk.starts_with(keys::NOTE_PREFIX) {
                notes.push(from_item(item)?);
            }
        }
        held.push(HeldConversation { conversation, messages, notes });
    }
    let appointments =
        appointments::of_customer(state, tenant_id, contact.phone.as_deref(), contact.email.as_deref()).await?;
    Ok(Held { conversations: held, leads, appointments })
}

/// What an erasure removed (the audit line keeps these counts, not who).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Erased {
    pub conversations: usize,
    pub messages: usize,
    pub leads: usize,
    pub appointments: usize,
}

/// One line of the tenant's privacy log.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: String,
    pub action: String,
    /// The member who asked.
    pub user_id: UserId,
    /// A keyed hash of the phone and e-mail: the same contact gives the same value, and the
    /// line names no one.
    pub subject: String,
    pub erased: Erased,
    pub at: String,
}

/// Erases everything held about the contact and writes the audit line. Repeating it (after an
/// interruption) finishes what is left; each part can be erased again safely.
pub async fn erase(
    state: &AppState,
    tenant_id: &TenantId,
    user_id: &UserId,
    contact: &Contact,
    subject: String,
) -> anyhow::Result<AuditLine> {
    let held = find(state, tenant_id, contact).await?;
    let mut erased = Erased::default();
    for a in &held.appointments {
        if appointments::erase(state, a).await? {
            crate::reminders::forget(state, &a.id).await;
            erased.appointments += 1;
        }
    }
    for l in &held.leads {
        leads::delete(state, l).await?;
        erased.leads += 1;
    }
    for c in &held.conversations {
        conversations::erase(state, &c.conversation).await?;
        erased.conversations += 1;
        erased.messages += c.messages.len();
    }
    let line = AuditLine {
        id: crate::ids::new_id(),
        action: "contact_erased".into(),
        user_id: user_id.clone(),
        subject,
        erased,
        at: crate::ids::now_rfc3339(),
    };
    let item = to_item(&line, keys::privacy_audit(tenant_id, &line.id), "privacy_audit")?;
    state.dynamo.put_item().table_name(state.table()).set_item(Some(item)).send().await?;
    Ok(line)
}

/// The tenant's privacy log, newest first.
pub async fn audit(state: &AppState, tenant_id: &TenantId) -> anyhow::Result<Vec<AuditLine>> {
    let mut lines: Vec<AuditLine> = decode_all(
        query_all(|| super::partition_prefix(state, keys::tenant_pk(tenant_id), keys::PRIVACY_AUDIT_PREFIX)).await?,
    )?;
    lines.reverse();
    Ok(lines)
}
