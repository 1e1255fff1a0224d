//! Data subjects' requests (KVKK): export everything the business holds about one contact, or
//! erase it everywhere, with a line in the business's privacy log.

use lambda_http::Request;
use serde::Deserialize;

use crate::auth::authenticate;
use crate::domain::{Checks, PhoneE164};
use crate::error::{ApiError, ApiResult};
use crate::http::{json_body, ok};
use crate::state::AppState;
use crate::store::privacy::{self, Contact};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactBody {
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    email: Option<String>,
    /// Erasure only: the caller confirms it cannot be undone.
    #[serde(default)]
    confirm: Option<bool>,
}

/// The contact a request names: a phone (any way it is written; national numbers are Turkish)
/// and/or an e-mail; at least one.
fn contact_of(body: &ContactBody) -> ApiResult<Contact> {
    let mut checks = Checks::new();
    let phone =
        body.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()).and_then(|p| match PhoneE164::parse(p) {
            Ok(phone) => Some(String::from(phone)),
            Err(message) => {
                checks.fail("phone", "invalid_phone", message);
                None
            }
        });
    let email = body
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .and_then(|e| checks.email("email", e))
        .map(|e| e.to_string());
    if body.phone.as_deref().is_none_or(|p| p.trim().is_empty())
        && body.email.as_deref().is_none_or(|e| e.trim().is_empty())
    {
        checks.fail("phone", "required", "give the contact's phone, e-mail or both");
    }
    checks.finish()?;
    Ok(Contact { phone, email })
}

/// A keyed hash naming the contact in the log without naming them.
fn subject_of(state: &AppState, tenant_id: &crate::ids::TenantId, contact: &Contact) -> String {
    let data =
        format!("{tenant_id}\n{}\n{}", contact.phone.as_deref().unwrap_or(""), contact.email.as_deref().unwrap_or(""));
    crate::auth::tokens::seal(&state.config.jwt_secret, "privacy-subject", data.as_bytes())[..24].to_string()
}

/// `POST /privacy/contact-export`: everything held about the contact, as a JSON file.
#[tracing::instrument(skip_all)]
pub async fn export(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let body: ContactBody = json_body(&req)?;
    if body.confirm.is_some() {
        return Err(ApiError::validation("confirm", "unexpected", "an export needs no confirmation"));
    }
    let contact = contact_of(&body)?;
    let held = privacy::find(state, &caller.tenant_id, &contact).await?;
    let file = serde_json::json!({
        "exported_at": crate::ids::now_rfc3339(),
        "contact": { "phone": contact.phone, "email": contact.email },
        "conversations": held.conversations,
        "leads": held.leads,
        "appointments": held.appointments,
    });
    crate::http::download(
        "application/json; charset=utf-8",
        "kisisel-veriler.json",
        serde_json::to_string_pretty(&file).map_err(ApiError::internal)?,
    )
}

/// `POST /privacy/contact-erase`: erases the contact's conversations (with their messages and
/// notes), leads and appointments, and logs it.
#[tracing::instrument(skip_all)]
pub async fn erase(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let body: ContactBody = json_body(&req)?;
    let contact = contact_of(&body)?;
    if body.confirm != Some(true) {
        return Err(ApiError::validation("confirm", "required", "confirm that the erasure cannot be undone"));
    }
    let subject = subject_of(state, &caller.tenant_id, &contact);
    let line = privacy::erase(state, &caller.tenant_id, &caller.user_id, &contact, subject).await?;
    tracing::info!(audit = %line.id, erased = ?line.erased, "a contact's data was erased");
    ok(&line)
}

/// `GET /privacy/audit`: the business's privacy log, newest first.
#[tracing::instrument(skip_all)]
pub async fn audit(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    ok(&serde_json::json!({ "items": privacy::audit(state, &caller.tenant_id).await? }))
}

#[derive(serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacySettings {
    /// Months conversations are kept after the customer last wrote (0: until deleted).
    retention_months: u32,
}

/// `GET /privacy/settings`
#[tracing::instrument(skip_all)]
pub async fn settings_get(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    ok(&PrivacySettings { retention_months: crate::store::retention::months(state, &caller.tenant_id).await? })
}

/// `PUT /privacy/settings`: how long conversations are kept.
#[tracing::instrument(skip_all)]
pub async fn settings_put(state: &AppState, req: Request) -> ApiResult {
    use crate::store::retention;
    let caller = authenticate(state, &req).await?;
    let body: PrivacySettings = json_body(&req)?;
    if body.retention_months > retention::MAX_MONTHS {
        return Err(ApiError::validation(
            "retention_months",
            "out_of_range",
            format!("must be 0 (keep) to {} months", retention::MAX_MONTHS),
        ));
    }
    retention::set_months(state, &caller.tenant_id, body.retention_months).await?;
    ok(&body)
}
