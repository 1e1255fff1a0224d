//! The team's inbox: one list over every bot and channel, assignment, resolving, reading,
//! internal notes and saved replies.

use lambda_http::Request;
use serde::{Deserialize, Serialize};

use super::conversations::load_conversation;
use crate::auth::{Role, authenticate};
use crate::domain::Checks;
use crate::error::{ApiError, ApiResult};
use crate::http::{created, id_param, json_body, no_content, ok, query_param};
use crate::ids::UserId;
use crate::state::AppState;
use crate::store::conversations::{self, Assigned, Source, Status};
use crate::store::inbox::{self, InboxFilter, View};
use crate::store::notes::{self, Note};
use crate::store::notifications;
use crate::store::page::Listing;
use crate::store::replies::{self, Saved, SavedReply};
use crate::store::{counters, tenants};

/// `GET /inbox?view&source&bot_id`: the tenant's conversations, latest customer message first.
#[tracing::instrument(skip_all)]
pub async fn list(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let view = match query_param(&req, "view") {
        None => View::Open,
        Some(v) => View::parse(&v).ok_or_else(|| ApiError::InvalidParameter {
            field: "view".into(),
            message: format!("must be one of {}", View::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")),
        })?,
    };
    let source = match query_param(&req, "source").as_deref() {
        None => None,
        Some("whatsapp") => Some(Source::Whatsapp),
        Some("web_widget") => Some(Source::WebWidget),
        Some(_) => {
            return Err(ApiError::InvalidParameter {
                field: "source".into(),
                message: "must be one of whatsapp, web_widget".into(),
            });
        }
    };
    let bot_id = match query_param(&req, "bot_id") {
        None => None,
        Some(id) => Some(super::bots::load(state, &caller, &id).await?.id),
    };
    inbox::ensure_indexed(state, &caller.tenant_id).await?;
    // "mine" differs per member: the cursor is bound to the caller too.
    let listing = Listing::filtered(&req, format!("{}:inbox:{}", caller.tenant_id, caller.user_id))?;
    let filter = InboxFilter { view, source, bot_id };
    ok(&inbox::page(state, &caller.tenant_id, &caller.user_id, &filter, listing).await?)
}

#[derive(Serialize)]
struct Summary {
    /// The tenant's change marker: send it back as `since` to learn whether anything changed.
    marker: u64,
    /// Whether anything changed since `since` (always true without it).
    changed: bool,
    /// The open views' sizes (absent when nothing changed).
    #[serde(skip_serializing_if = "Option::is_none")]
    counts: Option<inbox::Counts>,
}

/// `GET /inbox/summary?since`: what an open dashboard polls. With `since` equal to the current
/// marker it answers from one read; otherwise it counts the open views.
#[tracing::instrument(skip_all)]
pub async fn summary(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let since = match query_param(&req, "since") {
        None => None,
        Some(v) => Some(v.parse::<u64>().map_err(|_| ApiError::InvalidParameter {
            field: "since".into(),
            message: "must be a marker from an earlier summary (a whole number)".into(),
        })?),
    };
    let marker = counters::marker(state, &caller.tenant_id).await?;
    if since == Some(marker) {
        return ok(&Summary { marker, changed: false, counts: None });
    }
    inbox::ensure_indexed(state, &caller.tenant_id).await?;
    let counts = inbox::counts(state, &caller.tenant_id, &caller.user_id).await?;
    ok(&Summary { marker, changed: true, counts: Some(counts) })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// The member to give the conversation to (`null`: nobody).
    assignee_id: Option<String>,
    /// Who the caller saw assigned (`null` or absent: nobody). When someone else changed it
    /// meanwhile the request fails with 409 `assignment_changed`.
    #[serde(default)]
    expected_assignee_id: Option<String>,
}

/// `PUT /conversations/{conversation_id}/assignee`: take, give or release a conversation.
#[tracing::instrument(skip_all)]
pub async fn assign(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let conversation = load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?;
    let body: Assignment = json_body(&req)?;
    let to = body.assignee_id.map(UserId::from);
    let expected = body.expected_assignee_id.map(UserId::from);
    if let Some(user) = &to
        && tenants::membership(state, &caller.tenant_id, user).await?.is_none()
    {
        return Err(ApiError::validation("assignee_id", "not_a_member", "is not a member of this business"));
    }
    if conversation.assignee_id == to {
        return ok(&conversation);
    }
    match conversations::assign(state, &conversation, to.as_ref(), expected.as_ref()).await? {
        Assigned::Done(updated) => ok(&updated),
        Assigned::Conflict(now) => Err(ApiError::Conflict {
            code: "assignment_changed",
            detail: match now.assignee_id {
                Some(_) => "Someone else took this conversation first; reload to see who has it.".into(),
                None => "The conversation was released meanwhile; reload and try again.".into(),
            },
        }),
    }
}

/// `POST /conversations/{conversation_id}/resolve`: the team is done with it. A new customer
/// message reopens it (for the team; the bot stays silent until an operator gives it back).
#[tracing::instrument(skip_all)]
pub async fn resolve(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let conversation = load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?;
    if conversation.status == Status::Closed {
        return ok(&conversation);
    }
    ok(&conversations::set_status(state, &conversation, Status::Closed).await?)
}

/// `POST /conversations/{conversation_id}/reopen`: back to the open inbox, with a person
/// (`POST …/handoff {"active": false}` gives it to the bot instead).
#[tracing::instrument(skip_all)]
pub async fn reopen(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let conversation = load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?;
    if conversation.status != Status::Closed {
        return ok(&conversation);
    }
    ok(&conversations::set_status(state, &conversation, Status::HandedOff).await?)
}

/// `POST /conversations/{conversation_id}/read`: someone on the team read it.
#[tracing::instrument(skip_all)]
pub async fn read(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let conversation = load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?;
    conversations::mark_read(state, &conversation).await?;
    no_content()
}

/// `GET /conversations/{conversation_id}/related`: the contact's other conversations with the
/// business (its other bots) and their leads.
#[tracing::instrument(skip_all)]
pub async fn related(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let conversation = load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?;
    ok(&inbox::related(state, &conversation).await?)
}

/// `GET /conversations/{conversation_id}/notes`: oldest first.
#[tracing::instrument(skip_all)]
pub async fn notes_list(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let conversation = load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?;
    ok(&serde_json::json!({ "items": notes::list(state, &caller.tenant_id, &conversation.id).await? }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteBody {
    body: String,
}

/// `POST /conversations/{conversation_id}/notes`: a note for the team, never sent.
#[tracing::instrument(skip_all)]
pub async fn notes_create(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let conversation = load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?;
    let body: NoteBody = json_body(&req)?;
    let mut checks = Checks::new();
    let text = checks.text("body", &body.body, 1, 2000);
    checks.finish()?;
    if notes::list(state, &caller.tenant_id, &conversation.id).await?.len() >= notes::MAX_PER_CONVERSATION {
        return Err(ApiError::Unprocessable {
            code: "too_many_notes",
            detail: format!(
                "A conversation keeps at most {} notes; delete old ones first.",
                notes::MAX_PER_CONVERSATION
            ),
        });
    }
    let note = Note {
        id: crate::ids::new_id(),
        conversation_id: conversation.id.clone(),
        author_id: caller.user_id.clone(),
        body: text,
        created_at: crate::ids::now_rfc3339(),
    };
    if !notes::create(state, &caller.tenant_id, &note).await? {
        return Err(ApiError::NotFound);
    }
    created(&note)
}

/// `DELETE /conversations/{conversation_id}/notes/{note_id}`: by its author, or an admin.
#[tracing::instrument(skip_all)]
pub async fn notes_delete(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let conversation = load_conversation(state, &caller, &id_param(&req, "conversation_id")?).await?;
    let note_id = id_param(&req, "note_id")?;
    let author = (caller.role < Role::Admin).then_some(&caller.user_id);
    if notes::delete(state, &caller.tenant_id, &conversation.id, &note_id, author).await? {
        return no_content();
    }
    let exists = notes::list(state, &caller.tenant_id, &conversation.id).await?.iter().any(|n| n.id == note_id);
    if exists {
        Err(ApiError::Forbidden("only its author or an admin can delete a note".into()))
    } else {
        Err(ApiError::NotFound)
    }
}

/// `GET /saved-replies`: the tenant's saved replies, by shortcut.
#[tracing::instrument(skip_all)]
pub async fn replies_list(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    ok(&serde_json::json!({ "items": replies::list(state, &caller.tenant_id).await? }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyBody {
    shortcut: String,
    body: String,
}

/// A shortcut: 1-32 lowercase letters (Turkish ones too), digits, `-` or `_`.
fn checked_reply(body: &ReplyBody) -> ApiResult<(String, String)> {
    let mut checks = Checks::new();
    let shortcut = checks.text("shortcut", body.shortcut.trim_start_matches('/'), 1, 32).to_lowercase();
    if !shortcut.is_empty() && !shortcut.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        checks.fail("shortcut", "invalid_format", "use letters, digits, - or _ (no spaces)");
    }
    let text = checks.text("body", &body.body, 1, 4000);
    checks.finish()?;
    Ok((shortcut, text))
}

fn shortcut_taken() -> ApiError {
    ApiError::validation("shortcut", "shortcut_taken", "another saved reply has this shortcut")
}

/// `POST /saved-replies`
#[tracing::instrument(skip_all)]
pub async fn replies_create(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let body: ReplyBody = json_body(&req)?;
    let (shortcut, text) = checked_reply(&body)?;
    if replies::list(state, &caller.tenant_id).await?.len() >= replies::MAX_PER_TENANT {
        return Err(ApiError::Unprocessable {
            code: "too_many_saved_replies",
            detail: format!("A business keeps at most {} saved replies.", replies::MAX_PER_TENANT),
        });
    }
    let now = crate::ids::now_rfc3339();
    let reply = SavedReply { id: crate::ids::new_id(), shortcut, body: text, created_at: now.clone(), updated_at: now };
    match replies::create(state, &caller.tenant_id, &reply).await? {
        Saved::Done => created(&reply),
        Saved::ShortcutTaken => Err(shortcut_taken()),
        Saved::Gone => Err(ApiError::NotFound),
    }
}

/// `PUT /saved-replies/{reply_id}`
#[tracing::instrument(skip_all)]
pub async fn replies_update(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let old =
        replies::get_reply(state, &caller.tenant_id, &id_param(&req, "reply_id")?).await?.ok_or(ApiError::NotFound)?;
    let body: ReplyBody = json_body(&req)?;
    let (shortcut, text) = checked_reply(&body)?;
    let new = SavedReply { shortcut, body: text, updated_at: crate::ids::now_rfc3339(), ..old.clone() };
    match replies::update(state, &caller.tenant_id, &old, &new).await? {
        Saved::Done => ok(&new),
        Saved::ShortcutTaken => Err(shortcut_taken()),
        Saved::Gone => Err(ApiError::Conflict {
            code: "changed_meanwhile",
            detail: "This saved reply was changed or deleted meanwhile; reload it.".into(),
        }),
    }
}

/// `DELETE /saved-replies/{reply_id}`
#[tracing::instrument(skip_all)]
pub async fn replies_delete(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let reply =
        replies::get_reply(state, &caller.tenant_id, &id_param(&req, "reply_id")?).await?.ok_or(ApiError::NotFound)?;
    replies::remove(state, &caller.tenant_id, &reply).await?;
    no_content()
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotificationSettings {
    /// E-mail the caller when a conversation comes to the team (theirs, or nobody's).
    handoff: bool,
    /// … when a handed-off customer is still waiting for a person.
    waiting: bool,
    /// … when a lead arrives.
    lead: bool,
    /// Minutes a handed-off customer waits for a person before the team is reminded (0:
    /// never); the business's setting, changed by admins.
    wait_alert_minutes: u32,
}

/// `GET /tenants/current/notifications`: the caller's e-mail choices in this business.
#[tracing::instrument(skip_all)]
pub async fn notifications_get(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let p = notifications::preferences(state, &caller.tenant_id, &caller.user_id).await?;
    ok(&NotificationSettings {
        handoff: p.handoff,
        waiting: p.waiting,
        lead: p.lead,
        wait_alert_minutes: notifications::wait_minutes(state, &caller.tenant_id).await?,
    })
}

/// `PUT /tenants/current/notifications`: each member sets their own; only admins change the
/// business's wait time.
#[tracing::instrument(skip_all)]
pub async fn notifications_put(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let body: NotificationSettings = json_body(&req)?;
    if body.wait_alert_minutes > 24 * 60 {
        return Err(ApiError::validation("wait_alert_minutes", "out_of_range", "must be 0 (never) to 1440 minutes"));
    }
    let current = notifications::wait_minutes(state, &caller.tenant_id).await?;
    if body.wait_alert_minutes != current {
        if caller.role < Role::Admin {
            return Err(ApiError::Forbidden("only admins change the business's wait time".into()));
        }
        notifications::set_wait_minutes(state, &caller.tenant_id, body.wait_alert_minutes).await?;
    }
    let preferences = notifications::Preferences { handoff: body.handoff, waiting: body.waiting, lead: body.lead };
    notifications::set_preferences(state, &caller.tenant_id, &caller.user_id, preferences).await?;
    ok(&body)
}
