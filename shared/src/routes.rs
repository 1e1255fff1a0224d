//! The endpoint list: every HTTP function, its method and path, its handler and the AWS access
//! it needs, written once. `make template` (`deploy/gen_template.py`) generates from it
//! `template.yaml` (functions, routes, IAM policies), each `functions/<name>/main.rs` and the
//! `[[bin]]` entries of `functions/Cargo.toml`; `docs/openapi.yaml` describes the same routes.
//! Tests fail when any of them disagrees. The local gateway serves this table.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use lambda_http::{Body, Request, Response};

use crate::state::AppState;

pub type Handler = fn(Arc<AppState>, Request) -> Pin<Box<dyn Future<Output = Response<Body>> + Send>>;

pub use crate::cors::Audience;

pub struct Route {
    /// The Lambda function's binary name (`functions/<function>/main.rs`).
    pub function: &'static str,
    pub method: &'static str,
    /// API Gateway path template, e.g. `/bots/{bot_id}`.
    pub path: &'static str,
    pub audience: Audience,
    /// The handler's path below `shared::handlers`, as written in the function's `main`.
    pub handler_name: &'static str,
    /// The AWS access the function needs, in the phrases `deploy/gen_template.py` turns into
    /// its IAM policy (it refuses any phrase it does not know).
    pub access: &'static str,
    pub handler: Handler,
}

/// The one function that is not an HTTP route: the WhatsApp reply worker (an SQS consumer).
pub struct Worker {
    pub function: &'static str,
    pub access: &'static str,
}

pub const WORKER: Worker = Worker {
    function: "whatsapp-worker",
    access: "table RW, SQS receive/delete, SQS dead-letter send, tenant secrets read, LLM key read, media write, mail send (usage warnings), reminder schedules",
};

/// The appointment reminder function: EventBridge Scheduler invokes it at each reminder's time
/// (`crate::reminders`); not an HTTP route either.
pub const REMINDER: Worker = Worker {
    function: "appointment-reminder",
    access: "table RW, tenant secrets read (WhatsApp send), mail send (e-mail reminders)",
};

/// The team notifier: an EventBridge schedule runs it every minute (`crate::notify`); not an
/// HTTP route either.
pub const NOTIFIER: Worker = Worker { function: "team-notifier", access: "table RW, mail send (team notifications)" };

macro_rules! route {
    ($function:literal, $method:literal, $path:literal, $audience:ident, $($handler:ident)::+, $access:literal) => {
        Route {
            function: $function,
            method: $method,
            path: $path,
            audience: Audience::$audience,
            handler_name: stringify!($($handler)::+),
            access: $access,
            handler: |state, mut req| {
                req.extensions_mut().insert(crate::auth::RouteName($function));
                Box::pin(async move {
                    let origin = crate::http::header(&req, "origin").map(str::to_owned);
                    let resp = crate::awscalls::watch(async {
                        crate::http::finish(crate::handlers::$($handler)::+(&state, req).await)
                    })
                    .await;
                    crate::cors::apply(&state.config, Audience::$audience, origin.as_deref(), resp)
                })
            },
        }
    };
}

/// Every deployed HTTP route.
pub fn routes() -> Vec<Route> {
    vec![
        route!("auth-register", "POST", "/auth/register", Dashboard, auth::register, "table RW, mail send"),
        route!("auth-login", "POST", "/auth/login", Dashboard, auth::login, "table RW"),
        route!("auth-refresh", "POST", "/auth/refresh", Dashboard, auth::refresh, "table RW"),
        route!("auth-logout", "POST", "/auth/logout", Dashboard, auth::logout, "table RW"),
        route!("me-get", "GET", "/me", Dashboard, auth::me, "table R"),
        route!("me-update", "PATCH", "/me", Dashboard, auth::update_me, "table RW"),
        route!(
            "auth-password-forgot",
            "POST",
            "/auth/password/forgot",
            Dashboard,
            account::forgot_password,
            "table RW, mail send"
        ),
        route!(
            "auth-password-reset",
            "POST",
            "/auth/password/reset",
            Dashboard,
            account::reset_password,
            "table RW, mail send"
        ),
        route!(
            "auth-email-verify",
            "POST",
            "/auth/email/verify",
            Dashboard,
            account::verify_email,
            "table RW, mail send"
        ),
        route!(
            "me-email-verification",
            "POST",
            "/me/email/verification",
            Dashboard,
            account::resend_verification,
            "table RW, mail send"
        ),
        route!("me-password", "PUT", "/me/password", Dashboard, account::change_password, "table RW, mail send"),
        route!("me-email", "PUT", "/me/email", Dashboard, account::change_email, "table RW, mail send"),
        route!("tenants-create", "POST", "/tenants", Dashboard, tenants::create, "table RW"),
        route!("tenants-my", "GET", "/tenants/my", Dashboard, tenants::my, "table R"),
        route!("tenants-update-current", "PATCH", "/tenants/current", Dashboard, tenants::update_current, "table RW"),
        route!("tenants-members-list", "GET", "/tenants/current/members", Dashboard, team::list, "table R"),
        route!(
            "tenants-invite",
            "POST",
            "/tenants/current/invitations",
            Dashboard,
            team::invite,
            "table RW, mail send (invitations)"
        ),
        route!(
            "tenants-invitation-revoke",
            "DELETE",
            "/tenants/current/invitations/{invitation_id}",
            Dashboard,
            team::revoke,
            "table RW"
        ),
        route!("tenants-invitation-accept", "POST", "/invitations/accept", Dashboard, team::accept, "table RW"),
        route!(
            "tenants-member-update",
            "PATCH",
            "/tenants/current/members/{user_id}",
            Dashboard,
            team::update,
            "table RW"
        ),
        route!(
            "tenants-member-remove",
            "DELETE",
            "/tenants/current/members/{user_id}",
            Dashboard,
            team::remove,
            "table RW"
        ),
        route!(
            "notifications-get",
            "GET",
            "/tenants/current/notifications",
            Dashboard,
            inbox::notifications_get,
            "table R"
        ),
        route!(
            "notifications-put",
            "PUT",
            "/tenants/current/notifications",
            Dashboard,
            inbox::notifications_put,
            "table RW"
        ),
        route!("tenants-closing-get", "GET", "/tenants/current/closing", Dashboard, tenants::closing_get, "table R"),
        route!(
            "tenants-closing-request",
            "POST",
            "/tenants/current/closing",
            Dashboard,
            tenants::closing_request,
            "table RW"
        ),
        route!(
            "tenants-closing-cancel",
            "DELETE",
            "/tenants/current/closing",
            Dashboard,
            tenants::closing_cancel,
            "table RW"
        ),
        route!("tenants-leave", "POST", "/tenants/current/leave", Dashboard, team::leave, "table RW"),
        route!("tenants-transfer", "POST", "/tenants/current/transfer", Dashboard, team::transfer, "table RW"),
        route!("cors-preflight", "OPTIONS", "/{proxy+}", Preflight, health::preflight, "none"),
        route!("bots-list", "GET", "/bots", Dashboard, bots::list, "table R"),
        route!("bots-create", "POST", "/bots", Dashboard, bots::create, "table RW"),
        route!("bots-get", "GET", "/bots/{bot_id}", Dashboard, bots::get, "table R"),
        route!("bots-update", "PUT", "/bots/{bot_id}", Dashboard, bots::update, "table RW"),
        route!("bots-delete", "DELETE", "/bots/{bot_id}", Dashboard, bots::delete, "table RW, tenant secrets delete"),
        route!("bots-rotate-key", "POST", "/bots/{bot_id}/rotate-key", Dashboard, bots::rotate_key, "table RW"),
        route!("knowledge-list", "GET", "/bots/{bot_id}/knowledge", Dashboard, knowledge::list, "table R"),
        route!("knowledge-create", "POST", "/bots/{bot_id}/knowledge", Dashboard, knowledge::create, "table RW"),
        route!(
            "knowledge-update",
            "PUT",
            "/bots/{bot_id}/knowledge/{item_id}",
            Dashboard,
            knowledge::update,
            "table RW"
        ),
        route!(
            "knowledge-delete",
            "DELETE",
            "/bots/{bot_id}/knowledge/{item_id}",
            Dashboard,
            knowledge::delete,
            "table RW"
        ),
        route!("knowledge-import", "POST", "/bots/{bot_id}/knowledge/import", Dashboard, knowledge::import, "table RW"),
        route!("knowledge-export", "GET", "/bots/{bot_id}/knowledge/export", Dashboard, knowledge::export, "table R"),
        route!("conversations-list", "GET", "/bots/{bot_id}/conversations", Dashboard, conversations::list, "table R"),
        route!(
            "conversations-get",
            "GET",
            "/conversations/{conversation_id}",
            Dashboard,
            conversations::get,
            "table R"
        ),
        route!(
            "conversations-delete",
            "DELETE",
            "/conversations/{conversation_id}",
            Dashboard,
            conversations::delete,
            "table RW"
        ),
        route!("inbox-list", "GET", "/inbox", Dashboard, inbox::list, "table R"),
        route!("inbox-summary", "GET", "/inbox/summary", Dashboard, inbox::summary, "table R"),
        route!(
            "conversations-assign",
            "PUT",
            "/conversations/{conversation_id}/assignee",
            Dashboard,
            inbox::assign,
            "table RW"
        ),
        route!(
            "conversations-resolve",
            "POST",
            "/conversations/{conversation_id}/resolve",
            Dashboard,
            inbox::resolve,
            "table RW"
        ),
        route!(
            "conversations-reopen",
            "POST",
            "/conversations/{conversation_id}/reopen",
            Dashboard,
            inbox::reopen,
            "table RW"
        ),
        route!(
            "conversations-read",
            "POST",
            "/conversations/{conversation_id}/read",
            Dashboard,
            inbox::read,
            "table RW"
        ),
        route!(
            "conversation-related",
            "GET",
            "/conversations/{conversation_id}/related",
            Dashboard,
            inbox::related,
            "table R"
        ),
        route!("notes-list", "GET", "/conversations/{conversation_id}/notes", Dashboard, inbox::notes_list, "table R"),
        route!(
            "notes-create",
            "POST",
            "/conversations/{conversation_id}/notes",
            Dashboard,
            inbox::notes_create,
            "table RW"
        ),
        route!(
            "notes-delete",
            "DELETE",
            "/conversations/{conversation_id}/notes/{note_id}",
            Dashboard,
            inbox::notes_delete,
            "table RW"
        ),
        route!("saved-replies-list", "GET", "/saved-replies", Dashboard, inbox::replies_list, "table R"),
        route!("saved-replies-create", "POST", "/saved-replies", Dashboard, inbox::replies_create, "table RW"),
        route!(
            "saved-replies-update",
            "PUT",
            "/saved-replies/{reply_id}",
            Dashboard,
            inbox::replies_update,
            "table RW"
        ),
        route!(
            "saved-replies-delete",
            "DELETE",
            "/saved-replies/{reply_id}",
            Dashboard,
            inbox::replies_delete,
            "table RW"
        ),
        route!(
            "conversations-handoff",
            "POST",
            "/conversations/{conversation_id}/handoff",
            Dashboard,
            conversations::handoff,
            "table RW"
        ),
        route!(
            "messages-list",
            "GET",
            "/conversations/{conversation_id}/messages",
            Dashboard,
            conversations::messages,
            "table R, media read"
        ),
        route!(
            "messages-send",
            "POST",
            "/conversations/{conversation_id}/messages",
            Dashboard,
            conversations::send,
            "table RW, tenant secrets read (WhatsApp send)"
        ),
        route!(
            "template-messages-send",
            "POST",
            "/conversations/{conversation_id}/template-messages",
            Dashboard,
            conversations::send_template,
            "table RW, tenant secrets read (WhatsApp send)"
        ),
        route!("leads-list", "GET", "/leads", Dashboard, leads::list, "table R"),
        route!("leads-export", "GET", "/leads/export", Dashboard, leads::export, "table R"),
        route!("leads-by-bot", "GET", "/bots/{bot_id}/leads", Dashboard, leads::by_bot, "table R"),
        route!("leads-update", "PATCH", "/leads/{lead_id}", Dashboard, leads::update, "table RW"),
        route!("leads-delete", "DELETE", "/leads/{lead_id}", Dashboard, leads::delete, "table RW"),
        route!("calendar-get", "GET", "/bots/{bot_id}/calendar", Dashboard, appointments::get_calendar, "table R"),
        route!("calendar-put", "PUT", "/bots/{bot_id}/calendar", Dashboard, appointments::put_calendar, "table RW"),
        route!("slots-list", "GET", "/bots/{bot_id}/slots", Dashboard, appointments::slots, "table R"),
        route!("appointments-list", "GET", "/appointments", Dashboard, appointments::list, "table R"),
        route!("calendar-feed-status", "GET", "/calendar-feed", Dashboard, feeds::status, "table R"),
        route!("calendar-feed-create", "POST", "/calendar-feed", Dashboard, feeds::create, "table RW"),
        route!("calendar-feed-revoke", "DELETE", "/calendar-feed", Dashboard, feeds::revoke, "table RW"),
        route!("calendar-feed", "GET", "/public/calendar/{feed}", Public, feeds::feed, "table RW (rate limit)"),
        route!(
            "conversation-appointments",
            "GET",
            "/conversations/{conversation_id}/appointments",
            Dashboard,
            appointments::of_conversation,
            "table R"
        ),
        route!(
            "appointments-create",
            "POST",
            "/appointments",
            Dashboard,
            appointments::create,
            "table RW, reminder schedules"
        ),
        route!("appointments-get", "GET", "/appointments/{appointment_id}", Dashboard, appointments::get, "table R"),
        route!(
            "appointments-update",
            "PATCH",
            "/appointments/{appointment_id}",
            Dashboard,
            appointments::update,
            "table RW, reminder schedules"
        ),
        route!("privacy-contact-export", "POST", "/privacy/contact-export", Dashboard, privacy::export, "table R"),
        route!(
            "privacy-contact-erase",
            "POST",
            "/privacy/contact-erase",
            Dashboard,
            privacy::erase,
            "table RW, reminder schedules"
        ),
        route!("privacy-audit", "GET", "/privacy/audit", Dashboard, privacy::audit, "table R"),
        route!("privacy-settings-get", "GET", "/privacy/settings", Dashboard, privacy::settings_get, "table R"),
        route!("privacy-settings-put", "PUT", "/privacy/settings", Dashboard, privacy::settings_put, "table RW"),
        route!("stats-overview", "GET", "/stats/overview", Dashboard, stats::overview, "table R"),
        route!("stats-report", "GET", "/stats/report", Dashboard, stats::report, "table R"),
        route!("stats-report-export", "GET", "/stats/report/export", Dashboard, stats::report_export, "table R"),
        route!(
            "bots-test",
            "POST",
            "/bots/{bot_id}/test",
            Dashboard,
            bots::test,
            "table RW (usage and per-user limit), LLM key secret read, mail send (usage warnings)"
        ),
        route!("knowledge-gaps-list", "GET", "/bots/{bot_id}/knowledge-gaps", Dashboard, gaps::list, "table R"),
        route!(
            "knowledge-gaps-dismiss",
            "DELETE",
            "/bots/{bot_id}/knowledge-gaps/{gap_id}",
            Dashboard,
            gaps::dismiss,
            "table RW"
        ),
        route!(
            "knowledge-gaps-attach",
            "POST",
            "/bots/{bot_id}/knowledge-gaps/{gap_id}/attach",
            Dashboard,
            gaps::attach,
            "table RW"
        ),
        route!(
            "whatsapp-integration-get",
            "GET",
            "/bots/{bot_id}/whatsapp-integration",
            Dashboard,
            whatsapp::get,
            "table R"
        ),
        route!(
            "whatsapp-integration-put",
            "PUT",
            "/bots/{bot_id}/whatsapp-integration",
            Dashboard,
            whatsapp::put,
            "table RW, tenant secrets create/put/describe/stage"
        ),
        route!(
            "whatsapp-integration-delete",
            "DELETE",
            "/bots/{bot_id}/whatsapp-integration",
            Dashboard,
            whatsapp::delete_integration,
            "table RW, tenant secrets delete"
        ),
        route!(
            "whatsapp-integration-test",
            "POST",
            "/bots/{bot_id}/whatsapp-integration/test",
            Dashboard,
            whatsapp::test,
            "table R, tenant secrets read"
        ),
        route!(
            "whatsapp-templates-list",
            "GET",
            "/bots/{bot_id}/whatsapp-templates",
            Dashboard,
            whatsapp::templates,
            "table R, tenant secrets read"
        ),
        route!(
            "whatsapp-embedded-signup",
            "POST",
            "/bots/{bot_id}/whatsapp-integration/embedded-signup",
            Dashboard,
            whatsapp::embedded_signup,
            "table RW, tenant secrets create/put/describe/stage"
        ),
        route!("whatsapp-webhook-verify", "GET", "/whatsapp/webhook", Public, webhook::verify, "table R"),
        route!(
            "whatsapp-webhook",
            "POST",
            "/whatsapp/webhook",
            Public,
            webhook::receive,
            "table RW (dedupe + status updates), SQS send, tenant secrets read (app secret)"
        ),
        route!("public-chat-init", "POST", "/public/chat/init", Public, public::init, "table RW"),
        route!(
            "public-chat-send",
            "POST",
            "/public/chat/send",
            Public,
            public::send,
            "table RW, LLM key secret read, mail send (usage warnings), reminder schedules"
        ),
        route!("public-chat-messages", "GET", "/public/chat/messages", Public, public::messages, "table R"),
        route!("public-leads", "POST", "/public/leads", Public, public::lead, "table RW"),
    ]
}
