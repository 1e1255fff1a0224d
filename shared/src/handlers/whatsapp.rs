//! A bot's WhatsApp connection: stored ids and lookups in DynamoDB, the access token and app
//! secret in Secrets Manager (one secret per integration, named with the tenant id). Secrets
//! are never returned: only their last four characters.

use anyhow::Context;
use lambda_http::Request;
use serde::Deserialize;

use crate::auth::{Caller, authenticate};
use crate::domain::Checks;
use crate::error::{ApiError, ApiResult};
use crate::handlers::bots::load;
use crate::http::{id_param, json_body, no_content, ok};
use crate::state::AppState;
use crate::store::bots::Bot;
use crate::store::whatsapp::{self as store, WhatsAppIntegration};
use crate::whatsapp::{credentials, graph};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IntegrationInput {
    phone_number_id: String,
    business_account_id: String,
    access_token: String,
    app_secret: Option<String>,
    webhook_verify_token: Option<String>,
}

/// Connection settings whose every field is valid (a verify token generated when none was given).
pub(crate) struct ValidIntegration {
    pub(crate) phone_number_id: String,
    pub(crate) business_account_id: String,
    pub(crate) access_token: String,
    pub(crate) app_secret: Option<String>,
    pub(crate) verify_token: String,
}

impl IntegrationInput {
    pub(crate) fn check(&self) -> ApiResult<ValidIntegration> {
        let mut checks = Checks::new();
        let phone_number_id = numeric_id(&mut checks, "phone_number_id", &self.phone_number_id);
        let business_account_id = numeric_id(&mut checks, "business_account_id", &self.business_account_id);
        let access_token = token_like(&mut checks, "access_token", &self.access_token, 20, 1024);
        let app_secret = self
            .app_secret
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| token_like(&mut checks, "app_secret", s, 16, 128));
        let verify_token = match self.webhook_verify_token.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(t) => token_like(&mut checks, "webhook_verify_token", t, 8, 128),
            None => crate::ids::random_token(24),
        };
        checks.finish()?;
        Ok(ValidIntegration { phone_number_id, business_account_id, access_token, app_secret, verify_token })
    }
}

fn last4(secret: &str) -> String {
    let tail: String = secret.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    format!("…{tail}")
}

fn view(state: &AppState, i: &WhatsAppIntegration) -> serde_json::Value {
    serde_json::json!({
        "bot_id": i.bot_id,
        "phone_number_id": i.phone_number_id,
        "business_account_id": i.business_account_id,
        "access_token_last4": i.access_token_last4,
        "app_secret_last4": i.app_secret_last4,
        "verify_token": i.verify_token,
        "webhook_url": format!("{}/whatsapp/webhook", state.config.backend_url.trim_end_matches('/')),
        "created_at": i.created_at,
        "updated_at": i.updated_at,
    })
}

fn numeric_id(checks: &mut Checks, field: &str, value: &str) -> String {
    let v = value.trim();
    if v.is_empty() || v.len() > 32 || !v.bytes().all(|b| b.is_ascii_digit()) {
        checks.fail(field, "invalid_id", "must be the numeric id from Meta's console");
    }
    v.to_string()
}

fn token_like(checks: &mut Checks, field: &str, value: &str, min: usize, max: usize) -> String {
    let v = value.trim();
    if v.len() < min || v.len() > max || !v.bytes().all(|b| b.is_ascii_graphic()) {
        checks.fail(field, "invalid_format", format!("must be {min}-{max} visible ASCII characters"));
    }
    v.to_string()
}

/// A new version of a tenant secret, written beside the one in force.
struct SecretVersion {
    /// The secret's ARN (its name, where the service gives none).
    id: String,
    version: String,
    /// Whether this call created the secret (so a failed save removes it again).
    created: bool,
}

/// Writes the credentials as a new version of the integration's secret. A new secret starts
/// with it as `AWSCURRENT`; an existing one gets it as `AWSPENDING`, which changes nothing for
/// readers: integrations point at the version they were saved with, and `promote` makes it
/// current only once the save succeeded.
async fn write_secret_version(state: &AppState, name: &str, value: &str) -> anyhow::Result<SecretVersion> {
    // Secrets Manager takes 32-64 characters as a version's client request token.
    let version = format!("{}{}", crate::ids::new_id(), &crate::ids::random_token(6));
    let created =
        state.secrets.create_secret().name(name).secret_string(value).client_request_token(&version).send().await;
    match created {
        Ok(out) => Ok(SecretVersion { id: out.arn().unwrap_or(name).to_string(), version, created: true }),
        Err(e) if e.as_service_error().is_some_and(|s| s.is_resource_exists_exception()) => {
            let out = state
                .secrets
                .put_secret_value()
                .secret_id(name)
                .secret_string(value)
                .client_request_token(&version)
                .version_stages("AWSPENDING")
                .send()
                .await
                .context("writing a new version of a tenant secret")?;
            Ok(SecretVersion { id: out.arn().unwrap_or(name).to_string(), version, created: false })
        }
        Err(e) => Err(anyhow::Error::new(e).context("creating a tenant secret")),
    }
}

/// Makes a saved version the secret's current one (the previous becomes `AWSPREVIOUS`, so
/// messages queued under it can still be answered). Integrations already point at the version,
/// so a failure here only leaves the labels behind; it is logged, not returned.
async fn promote(state: &AppState, name: &str, version: &str) {
    let current = match state.secrets.describe_secret().secret_id(name).send().await {
        Ok(out) => out
            .version_ids_to_stages()
            .and_then(|m| m.iter().find(|(_, stages)| stages.iter().any(|s| s == "AWSCURRENT")))
            .map(|(id, _)| id.clone()),
        Err(e) => {
            tracing::warn!(error = %e, "describing a tenant secret to promote its new version");
            return;
        }
    };
    if current.as_deref() == Some(version) {
        return;
    }
    let moved = state
        .secrets
        .update_secret_version_stage()
        .secret_id(name)
        .version_stage("AWSCURRENT")
        .move_to_version_id(version)
        .set_remove_from_version_id(current)
        .send()
        .await;
    if let Err(e) = moved {
        tracing::warn!(error = %e, "promoting a tenant secret's new version");
    }
}

async fn integration_of(
    state: &AppState,
    caller: &Caller,
    bot_id: &crate::ids::BotId,
) -> ApiResult<WhatsAppIntegration> {
    store::get_integration(state, &caller.tenant_id, bot_id).await?.ok_or(ApiError::NotFound)
}

/// `PUT /bots/{bot_id}/whatsapp-integration`: the manual connection, for tenants that bring
/// their own Meta app (or a system-user token).
#[tracing::instrument(skip_all)]
pub async fn put(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    crate::handlers::account::require_verified(state, &caller.tenant_id).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let input: IntegrationInput = json_body(&req)?;
    let integration = save(state, &caller, &bot, input.check()?).await?;
    ok(&view(state, &integration))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EmbeddedSignupInput {
    code: String,
    phone_number_id: String,
    business_account_id: String,
}

/// `POST /bots/{bot_id}/whatsapp-integration/embedded-signup`: the end of Meta's Embedded Signup
/// (Facebook Login for Business with the platform's configuration). The code Facebook returned
/// is exchanged for a business token, the number the tenant chose is proven to be in the
/// account they chose, the platform app is subscribed to that account (so its webhooks reach
/// us) and the number is registered for the Cloud API; then it is saved as a manual
/// connection would be, on the platform's app secret.
#[tracing::instrument(skip_all)]
pub async fn embedded_signup(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    crate::handlers::account::require_verified(state, &caller.tenant_id).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let input: EmbeddedSignupInput = json_body(&req)?;
    let mut checks = Checks::new();
    let phone_number_id = numeric_id(&mut checks, "phone_number_id", &input.phone_number_id);
    let business_account_id = numeric_id(&mut checks, "business_account_id", &input.business_account_id);
    let code = token_like(&mut checks, "code", &input.code, 8, 2048);
    checks.finish()?;
    let (Some(app_id), Some(app_secret)) = (state.config.meta_app_id.as_deref(), state.config.meta_app_secret.as_ref())
    else {
        return Err(ApiError::Unprocessable {
            code: "embedded_signup_unavailable",
            detail: "Connecting with Facebook is not set up on this installation; use the manual form.".into(),
        });
    };
    let access_token =
        match graph::exchange_code(state, app_id, secrecy::ExposeSecret::expose_secret(app_secret), &code).await {
            Ok(token) => token,
            Err(e) if e.retryable => {
                return Err(ApiError::Upstream("Meta could not be reached; please try again.".into()));
            }
            Err(e) => {
                tracing::info!(code = e.code, "Meta refused an Embedded Signup code");
                return Err(ApiError::validation(
                    "code",
                    "invalid_code",
                    "Facebook's sign-in expired or was already used; connect again",
                ));
            }
        };
    let valid = ValidIntegration {
        phone_number_id: phone_number_id.clone(),
        business_account_id: business_account_id.clone(),
        access_token: access_token.clone(),
        app_secret: None,
        verify_token: crate::ids::random_token(24),
    };
    // Ownership first (the same proof as the manual form), then Meta's side of the connection.
    prove_ownership(state, &phone_number_id, &business_account_id, &access_token).await?;
    let upstream = |what: &str, e: graph::GraphError| {
        tracing::warn!(code = e.code, what, "Embedded Signup step refused by Meta");
        ApiError::Upstream(format!("Meta refused to {what}: {} ({})", e.title, e.code))
    };
    graph::subscribe_app(state, &business_account_id, &access_token)
        .await
        .map_err(|e| upstream("subscribe the app to the business account", e))?;
    // Two-step verification needs a PIN to register a number; a fresh one, kept in the secret.
    let pin = format!("{:06}", rand::random_range(0..1_000_000u32));
    graph::register_number(state, &phone_number_id, &access_token, &pin)
        .await
        .map_err(|e| upstream("register the number for the Cloud API", e))?;
    let integration = save_proven(state, &caller, &bot, valid, Some(pin)).await?;
    tracing::info!(bot_id = %bot.id, phone_number_id = %phone_number_id, "connected through Embedded Signup");
    ok(&view(state, &integration))
}

/// Proves the number is the tenant's, then saves the integration (see [`save_proven`]).
async fn save(state: &AppState, caller: &Caller, bot: &Bot, valid: ValidIntegration) -> ApiResult<WhatsAppIntegration> {
    prove_ownership(state, &valid.phone_number_id, &valid.business_account_id, &valid.access_token).await?;
    save_proven(state, caller, bot, valid, None).await
}

/// Saves an integration whose number was proven to be the tenant's: the credentials as a new
/// secret version, then (in one conditional transaction) the lookups and the integration.
async fn save_proven(
    state: &AppState,
    caller: &Caller,
    bot: &Bot,
    valid: ValidIntegration,
    pin: Option<String>,
) -> ApiResult<WhatsAppIntegration> {
    let ValidIntegration { phone_number_id, business_account_id, access_token, app_secret, verify_token } = valid;
    let previous = store::get_integration(state, &caller.tenant_id, &bot.id).await?;
    let now = crate::ids::now_rfc3339();
    let secret_name = format!("{}{}/{}", state.config.tenant_secret_prefix, caller.tenant_id, bot.id);
    let secret_value = serde_json::to_string(&credentials::Credentials {
        access_token: access_token.clone(),
        app_secret: app_secret.clone(),
        pin,
    })
    .map_err(ApiError::internal)?;
    // The new credentials go in as a new version beside the ones in force; nothing reads them
    // until the items below point at them.
    let secret = write_secret_version(state, &secret_name, &secret_value).await?;
    let integration = WhatsAppIntegration {
        tenant_id: caller.tenant_id.clone(),
        bot_id: bot.id.clone(),
        phone_number_id: phone_number_id.clone(),
        business_account_id,
        secret_id: secret.id.clone(),
        secret_version: Some(secret.version.clone()),
        verify_token: verify_token.clone(),
        access_token_last4: last4(&access_token),
        app_secret_last4: app_secret.as_deref().map(last4),
        created_at: previous.as_ref().map(|p| p.created_at.clone()).unwrap_or_else(|| now.clone()),
        updated_at: now,
    };

    let has_own_app_secret = app_secret.is_some();
    let saved = store::save_integration(state, &integration, has_own_app_secret, previous.as_ref()).await?;
    if saved == store::Saved::Taken {
        // The old settings stay in force: they point at the old version of the secret.
        if secret.created {
            let _ =
                state.secrets.delete_secret().secret_id(&secret.id).force_delete_without_recovery(true).send().await;
        }
        return Err(ApiError::Conflict {
            code: "phone_number_taken",
            detail: "This phone number id (or verify token) is already connected to another bot.".into(),
        });
    }
    if !secret.created {
        promote(state, &secret.id, &secret.version).await;
    }
    credentials::forget(state, &secret.id);
    tracing::info!(bot_id = %bot.id, phone_number_id = %phone_number_id, "WhatsApp integration saved");
    Ok(integration)
}

/// Asks Meta, with the tenant's own token, whether the number belongs to the WhatsApp Business
/// Account given: only then may the tenant claim it (no one can squat a number they do not
/// control and so receive its customers' messages).
async fn prove_ownership(state: &AppState, phone_number_id: &str, waba_id: &str, token: &str) -> ApiResult<()> {
    match graph::business_phone_numbers(state, waba_id, token).await {
        Ok(numbers) if numbers.iter().any(|n| n == phone_number_id) => Ok(()),
        Ok(_) => Err(ApiError::validation(
            "phone_number_id",
            "not_in_business_account",
            "Meta does not list this phone number id in the given WhatsApp Business Account",
        )),
        // Meta: 190 an invalid or expired token.
        Err(e) if e.code == 190 => Err(ApiError::validation(
            "access_token",
            "invalid_access_token",
            "Meta refused this access token (invalid or expired)",
        )),
        Err(e) if e.retryable => {
            tracing::warn!(code = e.code, "Meta unreachable while proving a phone number's owner");
            Err(ApiError::Upstream("Meta could not be reached to confirm the number; please try again.".into()))
        }
        // 100 (no such object or no permission), 200 (permissions) and the like: this token
        // cannot see the account.
        Err(e) => {
            tracing::info!(code = e.code, "Meta refused the business account lookup");
            Err(ApiError::validation(
                "business_account_id",
                "not_accessible",
                "Meta does not let this access token read this WhatsApp Business Account",
            ))
        }
    }
}

/// `GET /bots/{bot_id}/whatsapp-integration`
#[tracing::instrument(skip_all)]
pub async fn get(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    ok(&view(state, &integration_of(state, &caller, &bot.id).await?))
}

/// `DELETE /bots/{bot_id}/whatsapp-integration`
#[tracing::instrument(skip_all)]
pub async fn delete_integration(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let existing = integration_of(state, &caller, &bot.id).await?;
    store::delete_integration(state, &caller.tenant_id, &bot.id).await?;
    credentials::forget(state, &existing.secret_id);
    no_content()
}

/// `POST /bots/{bot_id}/whatsapp-integration/test`: asks Meta about the phone number with the
/// stored token and reports the answer in plain words.
#[tracing::instrument(skip_all)]
pub async fn test(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let integration = integration_of(state, &caller, &bot.id).await?;
    let creds = credentials::load(state, &integration.secret_id).await?;
    match graph::phone_number(state, &integration.phone_number_id, &creds.access_token).await {
        Ok(info) => ok(&serde_json::json!({
            "ok": true,
            "display_phone_number": info["display_phone_number"],
            "verified_name": info["verified_name"],
            "error": null,
        })),
        Err(e) => ok(&serde_json::json!({
            "ok": false,
            "display_phone_number": null,
            "verified_name": null,
            "error": { "code": e.code, "message": e.title },
        })),
    }
}

/// `GET /bots/{bot_id}/whatsapp-templates`: the approved message templates the bot's number
/// can send (outside the 24-hour window), as Meta lists them for its business account.
#[tracing::instrument(skip_all)]
pub async fn templates(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let integration = integration_of(state, &caller, &bot.id).await?;
    let items = templates_of(state, &integration).await?;
    ok(&serde_json::json!({ "items": items }))
}

/// The integration's sendable templates; Meta's refusal is a 502 naming Meta's words.
pub(crate) async fn templates_of(
    state: &AppState,
    integration: &WhatsAppIntegration,
) -> ApiResult<Vec<crate::whatsapp::templates::Template>> {
    let creds = credentials::load_version(state, &integration.secret_id, integration.secret_version.as_deref()).await?;
    let version = integration.secret_version.as_deref().unwrap_or(&integration.updated_at);
    crate::whatsapp::templates::list(state, &integration.business_account_id, version, &creds.access_token)
        .await
        .map_err(|e| ApiError::Upstream(format!("Meta did not list the templates: {} ({})", e.title, e.code)))
}
