//! Meta's webhook: the verification handshake (`GET`) and event deliveries (`POST`). The POST
//! only verifies the signature, drops duplicates and queues inbound messages for the reply
//! worker; delivery statuses are applied here (one small write each).

use anyhow::Context;
use lambda_http::{Body, Request, Response};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ApiResult};
use crate::http::{body_bytes, header, query_param};
use crate::keys;
use crate::state::AppState;
use crate::store::whatsapp::{self as store, PhoneRoute};
use crate::store::{get, key_map, n, s};
use crate::whatsapp::credentials;
use crate::whatsapp::graph::OutboundRef;
use crate::whatsapp::webhook::{self, DeliveryState, Event, Inbound, StatusUpdate};

/// Meta's payloads are small; anything bigger is not from Meta.
const MAX_BODY: usize = 1024 * 1024;
/// How long an inbound wamid is remembered for deduplication (Meta retries for up to 7 days).
const DEDUPE_SECS: i64 = 8 * 24 * 3600;

/// What the webhook queues for the worker: the message and where it belongs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueuedInbound {
    pub tenant_id: String,
    pub bot_id: String,
    pub secret_id: String,
    /// The secret version the route pointed at when the message arrived (absent: the current).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_version: Option<String>,
    pub inbound: Inbound,
}

fn text(status: u16, body: &str) -> ApiResult {
    Response::builder()
        .status(status)
        .header("content-type", "text/plain; charset=utf-8")
        .header("cache-control", "no-store")
        .body(Body::Text(body.to_string()))
        .map_err(ApiError::internal)
}

#[derive(Deserialize)]
struct VerifyOwner {
    tenant_id: String,
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
    match get::<VerifyOwner>(state, &keys::whatsapp_verify_token(&token)).await? {
        Some(owner) => {
            tracing::info!(tenant_id = %owner.tenant_id, "webhook verified");
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
        .is_some_and(|s| webhook::verify_signature(s.expose_secret().as_bytes(), body, signature).is_ok());
    if signature.is_none() {
        return Err(rejected());
    }
    let phone_ids = webhook::phone_number_ids(body).map_err(|e| ApiError::MalformedJson(e.to_string()))?;
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
        if secret.is_some_and(|s| webhook::verify_signature(&s, body, signature).is_ok()) {
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
    let events = webhook::parse(body).map_err(|e| ApiError::MalformedJson(e.to_string()))?;
    let (mut queued, mut duplicates, mut statuses) = (0, 0, 0);
    for event in events {
        match event {
            Event::Inbound(inbound) => {
                let Some((_, route)) = routes.iter().find(|(id, _)| *id == inbound.phone_number_id) else { continue };
                if enqueue(state, route, inbound).await? {
                    queued += 1;
                } else {
                    duplicates += 1;
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

/// Queues an inbound message once per wamid: a conditional write remembers the wamid, and if
/// queueing then fails the memory is dropped again so Meta's retry gets through.
async fn enqueue(state: &AppState, route: &PhoneRoute, inbound: Inbound) -> ApiResult<bool> {
    let marker = keys::whatsapp_inbound(&inbound.wamid);
    let mut item = key_map(&marker);
    item.insert(keys::TYPE.into(), s("wamid_in"));
    item.insert(keys::EXPIRES_AT.into(), n(crate::ids::epoch_secs() + DEDUPE_SECS));
    let claimed = state
        .dynamo
        .put_item()
        .table_name(state.table())
        .set_item(Some(item))
        .condition_expression("attribute_not_exists(PK)")
        .send()
        .await;
    match claimed {
        Ok(_) => {}
        Err(e) if crate::store::is_condition_failed(&e) => return Ok(false),
        Err(e) => return Err(ApiError::Internal(anyhow::Error::new(e).context("remembering a wamid"))),
    }
    let queue_url = state.config.inbound_queue_url.as_deref().context("INBOUND_QUEUE_URL is not set")?;
    let group = format!("{}:{}", inbound.phone_number_id, inbound.from);
    let dedupe_id = dedupe_id(&inbound.wamid);
    let message = QueuedInbound {
        tenant_id: route.tenant_id.clone(),
        bot_id: route.bot_id.clone(),
        secret_id: route.secret_id.clone(),
        secret_version: route.secret_version.clone(),
        inbound,
    };
    let sent = state
        .sqs
        .send_message()
        .queue_url(queue_url)
        .message_group_id(group)
        .message_deduplication_id(dedupe_id)
        .message_body(serde_json::to_string(&message).map_err(ApiError::internal)?)
        .send()
        .await;
    if let Err(e) = sent {
        let _ = state.dynamo.delete_item().table_name(state.table()).set_key(Some(key_map(&marker))).send().await;
        return Err(ApiError::Internal(anyhow::Error::new(e).context("queueing an inbound message")));
    }
    Ok(true)
}

/// SQS deduplication ids are at most 128 characters of a limited alphabet; wamids may be longer.
fn dedupe_id(wamid: &str) -> String {
    if wamid.len() <= 128 && wamid.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-=+/".contains(&b)) {
        wamid.to_string()
    } else {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(wamid.as_bytes()))
    }
}

fn rank(status: DeliveryState) -> i64 {
    match status {
        DeliveryState::Sent => 1,
        DeliveryState::Delivered => 2,
        DeliveryState::Read => 3,
        DeliveryState::Failed => 4,
    }
}

/// Moves an outbound message forward (sent → delivered → read, or failed); statuses that
/// arrive out of order never move it back. Only a message the route's own bot sent is touched.
/// Returns whether a message of this route was found.
async fn apply_status(state: &AppState, route: &PhoneRoute, status: &StatusUpdate) -> anyhow::Result<bool> {
    let Some(target) = get::<OutboundRef>(state, &keys::whatsapp_message(&status.wamid)).await? else {
        tracing::info!(wamid = %status.wamid, "status for a message we did not send (or no longer keep)");
        return Ok(false);
    };
    let same_bot = target.bot_id.as_deref().is_none_or(|b| b == route.bot_id);
    if target.tenant_id != route.tenant_id || !same_bot {
        tracing::warn!(tenant_id = %route.tenant_id, "a status for another tenant's message; ignored");
        return Ok(false);
    }
    let name = match status.status {
        DeliveryState::Sent => "sent",
        DeliveryState::Delivered => "delivered",
        DeliveryState::Read => "read",
        DeliveryState::Failed => "failed",
    };
    let mut update = state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::message(&target.tenant_id, &target.conversation_id, &target.message_id))))
        .condition_expression("attribute_exists(PK) AND (attribute_not_exists(delivery_rank) OR delivery_rank < :rank)")
        .expression_attribute_values(":rank", n(rank(status.status)))
        .expression_attribute_values(":status", s(name));
    update = match &status.error {
        Some((code, title)) => update
            .update_expression("SET delivery_status = :status, delivery_rank = :rank, delivery_error = :e")
            .expression_attribute_values(
                ":e",
                serde_dynamo::to_attribute_value(crate::store::conversations::DeliveryError {
                    code: *code,
                    title: title.clone(),
                })?,
            ),
        None => update.update_expression("SET delivery_status = :status, delivery_rank = :rank"),
    };
    match update.send().await {
        Ok(_) => Ok(true),
        Err(e) if crate::store::is_condition_failed(&e) => Ok(true),
        Err(e) => Err(anyhow::Error::new(e).context("applying a delivery status")),
    }
}
