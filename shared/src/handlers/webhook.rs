//! Meta's webhook: the verification handshake (`GET`) and event deliveries (`POST`). The POST
//! only verifies the signature, drops duplicates and queues inbound messages for the reply
//! worker; delivery statuses are applied here (one small write each).

use lambda_http::{Body, Request, Response};
use secrecy::ExposeSecret;

use crate::error::{ApiError, ApiResult};
use crate::http::{body_bytes, header, query_param};
use crate::state::AppState;
use crate::store::conversations::DeliveryError;
use crate::store::wamids;
use crate::store::whatsapp::{self as store, PhoneRoute};
use crate::whatsapp::credentials;
use crate::whatsapp::payload::{self, Event, StatusUpdate};
use crate::whatsapp::queue::{self, Enqueued};

/// Meta's payloads are small; anything bigger is not from Meta.
const MAX_BODY: usize = 1024 * 1024;

fn text(status: u16, body: &str) -> ApiResult {
    Response::builder()
        .status(status)
        .header("content-type", "text/plain; charset=utf-8")
        .header("cache-control", "no-store")
        .body(Body::Text(body.to_string()))
        .map_err(ApiError::internal)
}

/// `GET /whatsapp/webhook?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`
#[tracing::instrument(skip_all)]
pub async fn verify(state: &AppState, req: Request) -> ApiResult {
    let mode = query_param(&req, "hub.mode");
    let token = query_param(&req, "hub.verify_token").unwrap_or_default();
    let challenge = query_param(&req, "hub.challenge").unwrap_or_default();
    if mode.as_deref() != Some("subscribe") || token.is_empty() || token.len() > 128 || challenge.len() > 256 {
        return Err(ApiError::Forbidden("Verification failed.".into()));
    }
    match store::verify_token_owner(state, &token).await? {
        Some(tenant_id) => {
            tracing::info!(tenant_id = %tenant_id, "webhook verified");
            text(200, &challenge)
        }
        None => Err(ApiError::Forbidden("Verification failed.".into())),
    }
}

/// Distinct phone number ids looked up before a signature is proven. Meta sends one change
/// per delivery, rarely a few; an unsigned body listing thousands must not cost thousands of reads.
const MAX_PHONE_IDS: usize = 8;

/// The app secret a route's deliveries are signed with: the integration's own Meta app's,
/// else the platform app's.
async fn route_secret(state: &AppState, route: &PhoneRoute) -> ApiResult<Option<Vec<u8>>> {
    if route.has_own_app_secret {
        let creds = credentials::load_version(state, &route.secret_id, route.secret_version.as_deref()).await?;
        if let Some(secret) = creds.app_secret {
            return Ok(Some(secret.into_bytes()));
        }
    }
    Ok(state.config.meta_app_secret.as_ref().map(|s| s.expose_secret().as_bytes().to_vec()))
}

/// `POST /whatsapp/webhook`
///
/// Each change is accepted only under the app secret of its own route: a delivery signed with
/// tenant A's app secret cannot carry a change for tenant B's number (B's changes are dropped),
/// and a status may only touch a message of the route's own tenant and bot.
#[tracing::instrument(skip_all)]
pub async fn receive(state: &AppState, req: Request) -> ApiResult {
    let body = body_bytes(&req);
    if body.len() > MAX_BODY {
        return Err(ApiError::PayloadTooLarge { limit: MAX_BODY });
    }
    let signature = header(&req, "x-hub-signature-256");
    let rejected = || {
        tracing::warn!(has_signature = signature.is_some(), "webhook signature rejected");
        ApiError::Unauthorized { code: "invalid_signature", detail: "The signature is missing or wrong.".into() }
    };
    // Checking the platform secret costs no I/O; any other route needs a read per phone id,
    // so an unproven body may name only a few.
    let platform_signed = state
        .config
        .meta_app_secret
        .as_ref()
        .is_some_and(|s| payload::verify_signature(s.expose_secret().as_bytes(), body, signature).is_ok());
    if signature.is_none() {
        return Err(rejected());
    }
    let phone_ids = payload::phone_number_ids(body).map_err(|e| ApiError::MalformedJson(e.to_string()))?;
    if phone_ids.len() > MAX_PHONE_IDS && !platform_signed {
        return Err(rejected());
    }
    let mut routes = Vec::new();
    for id in &phone_ids {
        let Some(route) = store::route_for_phone(state, id).await? else {
            tracing::warn!(phone_number_id = %id, "webhook for an unknown phone number id; ignored");
            continue;
        };
        let secret = route_secret(state, &route).await?;
        if secret.is_some_and(|s| payload::verify_signature(&s, body, signature).is_ok()) {
            routes.push((id.clone(), route));
        } else {
            tracing::warn!(phone_number_id = %id, tenant_id = %route.tenant_id,
                "a change not signed with its own route's app secret; dropped");
        }
    }
    if routes.is_empty() && !platform_signed {
        return Err(rejected());
    }
    if routes.is_empty() {
        return text(200, "ok");
    }
    let events = payload::parse(body).map_err(|e| ApiError::MalformedJson(e.to_string()))?;
    let (mut queued, mut duplicates, mut statuses) = (0, 0, 0);
    for event in events {
        match event {
            Event::Inbound(inbound) => {
                let Some((_, route)) = routes.iter().find(|(id, _)| *id == inbound.phone_number_id) else { continue };
                match queue::enqueue(state, route, inbound).await? {
                    Enqueued::Queued => queued += 1,
                    Enqueued::Duplicate => duplicates += 1,
                }
            }
            Event::Status(status) => {
                let Some((_, route)) = routes.iter().find(|(id, _)| *id == status.phone_number_id) else { continue };
                if apply_status(state, route, &status).await? {
                    statuses += 1;
                }
            }
        }
    }
    tracing::info!(queued, duplicates, statuses, "webhook delivery handled");
    text(200, "ok")
}

/// Moves an outbound message forward (sent → delivered → read, or failed); statuses that
/// arrive out of order never move it back. Only a message the route's own bot sent is touched.
/// Returns whether a message of this route was found.
async fn apply_status(state: &AppState, route: &PhoneRoute, status: &StatusUpdate) -> anyhow::Result<bool> {
    let Some(target) = wamids::outbound(state, &status.wamid).await? else {
        tracing::info!(wamid = %status.wamid, "status for a message we did not send (or no longer keep)");
        return Ok(false);
    };
    let same_bot = target.bot_id.as_ref().is_none_or(|b| *b == route.bot_id);
    if target.tenant_id != route.tenant_id || !same_bot {
        tracing::warn!(tenant_id = %route.tenant_id, "a status for another tenant's message; ignored");
        return Ok(false);
    }
    let error = status.error.clone().map(|(code, title)| DeliveryError { code, title });
    wamids::advance_delivery(state, &target, status.status, error).await?;
    Ok(true)
}
