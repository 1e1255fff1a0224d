//! Telling the team: the notifier runs every minute (an EventBridge schedule; `make dev`'s
//! poller locally), takes the notification events that are due (`store::notifications`) and
//! e-mails the members who want them: the assignee of a conversation, or, while nobody has it,
//! every member who chose that kind. A member with three or more things in one run gets one
//! digest instead of one e-mail each. A handoff comes back as a wait check after the tenant's
//! minutes; it is sent only if no person answered the customer by then.

use std::collections::BTreeMap;

use crate::ids::{TenantId, UserId};
use crate::mail::{self, Notice, TeamEvent};
use crate::state::AppState;
use crate::store::conversations::{self, Conversation, Sender, Source, Status};
use crate::store::notifications::{self, Event, Kind};
use crate::store::{leads, team, tenants, users};

/// From this many things in one run, a member gets a digest.
pub const DIGEST_FROM: usize = 3;
/// Events one run takes at most (the next run, a minute later, goes on).
const BATCH: i32 = 200;

/// What a run did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    /// Events dealt with (told, or no longer worth telling).
    pub handled: usize,
    /// E-mails sent.
    pub mails: usize,
    /// Handoffs turned into wait checks.
    pub deferred: usize,
}

/// What one event asks for.
enum Plan {
    /// Nothing to say any more.
    Drop,
    /// Tell these members this, then (for a handoff) check again after `then_wait` minutes.
    Tell { to: Vec<UserId>, event: TeamEvent, link: String, then_wait: Option<u32> },
}

/// Handles every event due by `now` (epoch seconds).
pub async fn sweep(state: &AppState, now: i64) -> anyhow::Result<Swept> {
    let mut swept = Swept::default();
    // Per member: what to tell them, and the events to close once told.
    let mut outbox: BTreeMap<(TenantId, UserId), Vec<(TeamEvent, String)>> = BTreeMap::new();
    let mut close: Vec<(Event, Option<u32>)> = Vec::new();
    for event in notifications::due(state, now, BATCH).await? {
        if !notifications::claim(state, &event, now).await? {
            continue;
        }
        match plan(state, &event).await {
            Ok(Plan::Drop) => close.push((event, None)),
            Ok(Plan::Tell { to, event: told, link, then_wait }) => {
                for user in to {
                    outbox.entry((event.tenant_id.clone(), user)).or_default().push((told.clone(), link.clone()));
                }
                close.push((event, then_wait));
            }
            // The claim runs out and a later run tries again.
            Err(err) => tracing::error!(error = %format!("{err:#}"), event = %event.id, "a notification failed"),
        }
    }
    let mut names: BTreeMap<TenantId, String> = BTreeMap::new();
    for ((tenant_id, user_id), items) in outbox {
        let Some(user) = users::by_id(state, &user_id).await? else { continue };
        if !names.contains_key(&tenant_id) {
            let name = tenants::by_id(state, &tenant_id).await?.map(|t| t.name).unwrap_or_default();
            names.insert(tenant_id.clone(), name);
        }
        let tenant = names[&tenant_id].clone();
        let mails: Vec<Notice> = if items.len() >= DIGEST_FROM {
            let link = mail::link(state, "/dashboard/conversations", None);
            vec![Notice::Team { tenant, events: items.into_iter().map(|(e, _)| e).collect(), link }]
        } else {
            items.into_iter().map(|(e, link)| Notice::Team { tenant: tenant.clone(), events: vec![e], link }).collect()
        };
        for notice in mails {
            match mail::send(state, &mail::compose(&user.email, &notice, user.language)).await {
                Ok(()) => swept.mails += 1,
                Err(err) => tracing::error!(error = %format!("{err:#}"), "a team notification was not sent"),
            }
        }
    }
    for (event, then_wait) in close {
        match then_wait {
            Some(minutes) => {
                notifications::defer(state, &event, Kind::Waiting, now + i64::from(minutes) * 60).await?;
                swept.deferred += 1;
            }
            None => {
                notifications::handled(state, &event, now).await?;
                swept.handled += 1;
            }
        }
    }
    Ok(swept)
}

async fn plan(state: &AppState, event: &Event) -> anyhow::Result<Plan> {
    match event.kind {
        Kind::Handoff | Kind::Waiting => {
            let Some(id) = &event.conversation_id else { return Ok(Plan::Drop) };
            let Some(c) = conversations::get_conversation(state, &event.tenant_id, id).await? else {
                return Ok(Plan::Drop);
            };
            // Given back to the bot, or resolved: nobody needs telling.
            if c.status != Status::HandedOff || answered_since(state, &c, event).await? {
                return Ok(Plan::Drop);
            }
            let wait = notifications::wait_minutes(state, &event.tenant_id).await?;
            let told = match event.kind {
                Kind::Handoff => {
                    TeamEvent::Handoff { customer: customer(&c), preview: last_question(state, &c).await? }
                }
                _ => TeamEvent::Waiting { customer: customer(&c), minutes: wait },
            };
            let to = recipients(state, &event.tenant_id, event.kind, c.assignee_id.as_ref()).await?;
            let link = mail::link(state, &format!("/dashboard/conversations?c={}", c.id), None);
            let then_wait = (event.kind == Kind::Handoff && wait > 0).then_some(wait);
            Ok(Plan::Tell { to, event: told, link, then_wait })
        }
        Kind::Lead => {
            let Some(id) = &event.lead_id else { return Ok(Plan::Drop) };
            let Some(lead) = leads::get_lead(state, &event.tenant_id, id).await? else { return Ok(Plan::Drop) };
            let to = recipients(state, &event.tenant_id, Kind::Lead, None).await?;
            let link = mail::link(state, &format!("/dashboard/leads?lead={}", lead.id), None);
            Ok(Plan::Tell { to, event: TeamEvent::Lead { name: lead.name }, link, then_wait: None })
        }
    }
}

/// The customer's latest words, shortened.
async fn last_question(state: &AppState, c: &Conversation) -> anyhow::Result<String> {
    let recent = conversations::recent_messages(state, &c.tenant_id, &c.id, 10).await?;
    let text = recent.iter().rev().find(|m| m.sender == Sender::User).map_or("", |m| m.content.as_str());
    let mut short: String = text.chars().take(200).collect();
    if text.chars().count() > 200 {
        short.push('…');
    }
    Ok(short)
}

/// Whether a person answered the customer after the event's message.
async fn answered_since(state: &AppState, c: &Conversation, event: &Event) -> anyhow::Result<bool> {
    let after = event.message_id.as_ref().map(|m| m.to_string());
    let later = conversations::messages_after(state, &c.tenant_id, &c.id, after.as_deref(), 200).await?;
    Ok(later.iter().any(|m| m.sender == Sender::Operator))
}

/// How the team knows the customer: their name, else their number (`None`: a website
/// visitor who gave no name).
fn customer(c: &Conversation) -> Option<String> {
    match (&c.contact_name, c.source) {
        (Some(name), _) if !name.trim().is_empty() => Some(name.clone()),
        (_, Source::Whatsapp) => Some(format!("+{}", c.external_user_id)),
        (_, Source::WebWidget) => None,
    }
}

/// Who hears of `kind`: the assignee (if still a member), else every member; each only if
/// they chose it.
async fn recipients(
    state: &AppState,
    tenant_id: &TenantId,
    kind: Kind,
    assignee: Option<&UserId>,
) -> anyhow::Result<Vec<UserId>> {
    let members = team::members(state, tenant_id).await?;
    let choices = notifications::all_preferences(state, tenant_id).await?;
    let wants = |user: &UserId| choices.get(user).copied().unwrap_or_default().wants(kind);
    if let Some(assignee) = assignee
        && members.iter().any(|m| m.user_id == assignee)
    {
        return Ok(if wants(assignee) { vec![assignee.clone()] } else { vec![] });
    }
    Ok(members.into_iter().map(|m| m.user_id).filter(wants).collect())
}
