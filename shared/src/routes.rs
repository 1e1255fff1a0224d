//! The route table: every HTTP function, its method and path, and its handler.
//!
//! `template.yaml` declares the same functions and routes, and `docs/openapi.yaml` describes
//! them; tests fail when the three disagree. The local gateway serves this table.

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
    pub handler: Handler,
}

macro_rules! route {
    ($function:literal, $method:literal, $path:literal, $audience:ident, $($handler:ident)::+) => {
        Route {
            function: $function,
            method: $method,
            path: $path,
            audience: Audience::$audience,
            handler_name: stringify!($($handler)::+),
            handler: |state, req| {
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
        route!("auth-register", "POST", "/auth/register", Dashboard, auth::register),
        route!("auth-login", "POST", "/auth/login", Dashboard, auth::login),
        route!("auth-refresh", "POST", "/auth/refresh", Dashboard, auth::refresh),
        route!("auth-logout", "POST", "/auth/logout", Dashboard, auth::logout),
        route!("me-get", "GET", "/me", Dashboard, auth::me),
        route!("me-update", "PATCH", "/me", Dashboard, auth::update_me),
        route!("auth-password-forgot", "POST", "/auth/password/forgot", Dashboard, account::forgot_password),
        route!("auth-password-reset", "POST", "/auth/password/reset", Dashboard, account::reset_password),
        route!("auth-email-verify", "POST", "/auth/email/verify", Dashboard, account::verify_email),
        route!("me-email-verification", "POST", "/me/email/verification", Dashboard, account::resend_verification),
        route!("me-password", "PUT", "/me/password", Dashboard, account::change_password),
        route!("me-email", "PUT", "/me/email", Dashboard, account::change_email),
        route!("tenants-create", "POST", "/tenants", Dashboard, tenants::create),
        route!("tenants-my", "GET", "/tenants/my", Dashboard, tenants::my),
        route!("tenants-update-current", "PATCH", "/tenants/current", Dashboard, tenants::update_current),
        route!("cors-preflight", "OPTIONS", "/{proxy+}", Preflight, health::preflight),
        route!("bots-list", "GET", "/bots", Dashboard, bots::list),
        route!("bots-create", "POST", "/bots", Dashboard, bots::create),
        route!("bots-get", "GET", "/bots/{bot_id}", Dashboard, bots::get),
        route!("bots-update", "PUT", "/bots/{bot_id}", Dashboard, bots::update),
        route!("bots-delete", "DELETE", "/bots/{bot_id}", Dashboard, bots::delete),
        route!("bots-rotate-key", "POST", "/bots/{bot_id}/rotate-key", Dashboard, bots::rotate_key),
        route!("knowledge-list", "GET", "/bots/{bot_id}/knowledge", Dashboard, knowledge::list),
        route!("knowledge-create", "POST", "/bots/{bot_id}/knowledge", Dashboard, knowledge::create),
        route!("knowledge-update", "PUT", "/bots/{bot_id}/knowledge/{item_id}", Dashboard, knowledge::update),
        route!("knowledge-delete", "DELETE", "/bots/{bot_id}/knowledge/{item_id}", Dashboard, knowledge::delete),
        route!("knowledge-import", "POST", "/bots/{bot_id}/knowledge/import", Dashboard, knowledge::import),
        route!("knowledge-export", "GET", "/bots/{bot_id}/knowledge/export", Dashboard, knowledge::export),
        route!("conversations-list", "GET", "/bots/{bot_id}/conversations", Dashboard, conversations::list),
        route!("conversations-get", "GET", "/conversations/{conversation_id}", Dashboard, conversations::get),
        route!("conversations-delete", "DELETE", "/conversations/{conversation_id}", Dashboard, conversations::delete),
        route!(
            "conversations-handoff",
            "POST",
            "/conversations/{conversation_id}/handoff",
            Dashboard,
            conversations::handoff
        ),
        route!("messages-list", "GET", "/conversations/{conversation_id}/messages", Dashboard, conversations::messages),
        route!("messages-send", "POST", "/conversations/{conversation_id}/messages", Dashboard, conversations::send),
        route!(
            "template-messages-send",
            "POST",
            "/conversations/{conversation_id}/template-messages",
            Dashboard,
            conversations::send_template
        ),
        route!("leads-list", "GET", "/leads", Dashboard, leads::list),
        route!("leads-export", "GET", "/leads/export", Dashboard, leads::export),
        route!("leads-by-bot", "GET", "/bots/{bot_id}/leads", Dashboard, leads::by_bot),
        route!("leads-update", "PATCH", "/leads/{lead_id}", Dashboard, leads::update),
        route!("leads-delete", "DELETE", "/leads/{lead_id}", Dashboard, leads::delete),
        route!("stats-overview", "GET", "/stats/overview", Dashboard, stats::overview),
        route!("bots-test", "POST", "/bots/{bot_id}/test", Dashboard, bots::test),
        route!("knowledge-gaps-list", "GET", "/bots/{bot_id}/knowledge-gaps", Dashboard, gaps::list),
        route!("knowledge-gaps-dismiss", "DELETE", "/bots/{bot_id}/knowledge-gaps/{gap_id}", Dashboard, gaps::dismiss),
        route!(
            "knowledge-gaps-attach",
            "POST",
            "/bots/{bot_id}/knowledge-gaps/{gap_id}/attach",
            Dashboard,
            gaps::attach
        ),
        route!("whatsapp-integration-get", "GET", "/bots/{bot_id}/whatsapp-integration", Dashboard, whatsapp::get),
        route!("whatsapp-integration-put", "PUT", "/bots/{bot_id}/whatsapp-integration", Dashboard, whatsapp::put),
        route!(
            "whatsapp-integration-delete",
            "DELETE",
            "/bots/{bot_id}/whatsapp-integration",
            Dashboard,
            whatsapp::delete_integration
        ),
        route!(
            "whatsapp-integration-test",
            "POST",
            "/bots/{bot_id}/whatsapp-integration/test",
            Dashboard,
            whatsapp::test
        ),
        route!("whatsapp-templates-list", "GET", "/bots/{bot_id}/whatsapp-templates", Dashboard, whatsapp::templates),
        route!(
            "whatsapp-embedded-signup",
            "POST",
            "/bots/{bot_id}/whatsapp-integration/embedded-signup",
            Dashboard,
            whatsapp::embedded_signup
        ),
        route!("whatsapp-webhook-verify", "GET", "/whatsapp/webhook", Public, webhook::verify),
        route!("whatsapp-webhook", "POST", "/whatsapp/webhook", Public, webhook::receive),
        route!("public-chat-init", "POST", "/public/chat/init", Public, public::init),
        route!("public-chat-send", "POST", "/public/chat/send", Public, public::send),
        route!("public-chat-messages", "GET", "/public/chat/messages", Public, public::messages),
        route!("public-leads", "POST", "/public/leads", Public, public::lead),
    ]
}
