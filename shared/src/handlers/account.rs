//! The account's e-mail side: verification, password reset, and changing the password or the
//! address. Answers never tell whether an address has an account: what differs goes into the
//! mail, which only the address's owner reads.

use lambda_http::Request;
use serde::Deserialize;

use crate::auth::{Role, password};
use crate::domain::Checks;
use crate::error::{ApiError, ApiResult};
use crate::handlers::auth::{Tokens, client_ip, issue_tokens};
use crate::http::{json, json_body, no_content, ok};
use crate::mail::{self, Notice, RESET_MINUTES, VERIFY_HOURS};
use crate::state::AppState;
use crate::store::mailtokens::{self, Purpose, Redeemed};
use crate::store::ratelimit::{self, Window};
use crate::store::{sessions, tenants, users};

/// Reset mails per address per hour (more asks get the same answer and no mail).
const RESETS_PER_EMAIL: Window = Window { scope: "reset-email", limit: 3, seconds: 3600 };
/// Reset asks per IP per hour.
const RESETS_PER_IP: Window = Window { scope: "reset-ip", limit: 10, seconds: 3600 };
/// Links presented per IP in 15 minutes (tokens are 256 random bits; this only caps noise).
const LINKS_PER_IP: Window = Window { scope: "link-ip", limit: 30, seconds: 900 };
/// Verification mails a user may ask for per hour.
const VERIFY_MAILS_PER_USER: Window = Window { scope: "verify-mail", limit: 3, seconds: 3600 };
/// Wrong current passwords per user in 15 minutes (changing the password or the address).
const PASSWORD_CHECKS_PER_USER: Window = Window { scope: "password-check", limit: 5, seconds: 900 };

fn check_email() -> ApiResult {
    json(202, &serde_json::json!({ "status": "check_email" }))
}

async fn limited(state: &AppState, window: Window, subject: &str) -> ApiResult<()> {
    match ratelimit::hit(state, window, subject).await? {
        Some(retry_after_secs) => Err(ApiError::RateLimited {
            code: "rate_limited",
            retry_after_secs,
            detail: "Too many requests. Please try again later.".into(),
        }),
        None => Ok(()),
    }
}

fn invalid_link() -> ApiError {
    ApiError::validation("token", "invalid_token", "The link is invalid, used or expired. Ask for a new one.")
}

/// Tenants the user owns (they follow the owner's verification).
async fn owned_tenants(state: &AppState, user_id: &crate::ids::UserId) -> anyhow::Result<Vec<crate::ids::TenantId>> {
    Ok(tenants::memberships_of(state, user_id)
        .await?
        .into_iter()
        .filter(|m| m.role == Role::Owner)
        .map(|m| m.tenant_id)
        .collect())
}

#[derive(Deserialize)]
pub struct ForgotBody {
    email: String,
}

/// `POST /auth/password/forgot`: mails a reset link if the address has an account; the answer
/// is the same either way.
#[tracing::instrument(skip_all)]
pub async fn forgot_password(state: &AppState, req: Request) -> ApiResult {
    let body: ForgotBody = json_body(&req)?;
    let mut checks = Checks::new();
    let email = checks.email("email", &body.email);
    checks.finish()?;
    let email = email.expect("checked");
    limited(state, RESETS_PER_IP, &client_ip(state, &req)).await?;
    if ratelimit::hit(state, RESETS_PER_EMAIL, email.as_str()).await?.is_some() {
        tracing::info!("reset mails for this address are over the hourly limit; none sent");
        return check_email();
    }
    if let Some(user) = users::by_email(state, email.as_str()).await? {
        let token =
            mailtokens::issue(state, Purpose::ResetPassword, &user.id, &user.email, None, RESET_MINUTES * 60).await?;
        let link = mail::link(state, "/reset-password", Some(&token));
        mail::notify(state, &user.email, Notice::ResetPassword { link }, user.language).await;
    }
    check_email()
}

#[derive(Deserialize)]
pub struct ResetBody {
    token: String,
    password: String,
}

/// `POST /auth/password/reset`: a new password through a reset link; every session ends.
#[tracing::instrument(skip_all)]
pub async fn reset_password(state: &AppState, req: Request) -> ApiResult {
    let body: ResetBody = json_body(&req)?;
    let mut checks = Checks::new();
    checks.password("password", &body.password);
    if body.token.trim().is_empty() {
        checks.fail("token", "required", "must not be empty");
    }
    checks.finish()?;
    limited(state, LINKS_PER_IP, &client_ip(state, &req)).await?;
    let Some((token_hash, link)) = mailtokens::find(state, body.token.trim()).await? else {
        return Err(invalid_link());
    };
    if link.purpose != Purpose::ResetPassword {
        return Err(invalid_link());
    }
    let hash = password::hash(&body.password)?;
    match mailtokens::reset_password(state, &token_hash, &link, &hash).await? {
        Redeemed::Done => {
            tracing::info!(user_id = %link.user_id, "password reset; every session ended");
            if let Some(user) = users::by_id(state, &link.user_id).await? {
                mail::notify(state, &user.email, Notice::PasswordChanged, user.language).await;
            }
            no_content()
        }
        _ => Err(invalid_link()),
    }
}

#[derive(Deserialize)]
pub struct VerifyBody {
    token: String,
}

/// `POST /auth/email/verify`: confirms an address (after sign-up, or the new one of a change).
#[tracing::instrument(skip_all)]
pub async fn verify_email(state: &AppState, req: Request) -> ApiResult {
    let body: VerifyBody = json_body(&req)?;
    if body.token.trim().is_empty() {
        return Err(ApiError::validation("token", "required", "must not be empty"));
    }
    limited(state, LINKS_PER_IP, &client_ip(state, &req)).await?;
    let Some((token_hash, link)) = mailtokens::find(state, body.token.trim()).await? else {
        return Err(invalid_link());
    };
    let owned = owned_tenants(state, &link.user_id).await?;
    let outcome = match link.purpose {
        Purpose::VerifyEmail => mailtokens::verify_email(state, &token_hash, &link, &owned).await?,
        Purpose::ChangeEmail => mailtokens::change_email(state, &token_hash, &link, &owned).await?,
        Purpose::ResetPassword => Redeemed::Invalid,
    };
    match outcome {
        Redeemed::Done => {
            if link.purpose == Purpose::ChangeEmail
                && let (Some(old), Some(user)) = (&link.old_email, users::by_id(state, &link.user_id).await?)
            {
                mail::notify(state, old, Notice::EmailChanged { new_email: link.email.clone() }, user.language).await;
            }
            tracing::info!(user_id = %link.user_id, "e-mail address verified");
            ok(&serde_json::json!({ "status": "verified", "purpose": link.purpose, "email": link.email }))
        }
        Redeemed::EmailTaken => Err(ApiError::Conflict {
            code: "email_taken",
            detail: "This address now belongs to another account; your address was not changed.".into(),
        }),
        Redeemed::Invalid => Err(invalid_link()),
    }
}

/// `POST /me/email/verification`: mails a new verification link to the signed-in user.
#[tracing::instrument(skip_all)]
pub async fn resend_verification(state: &AppState, req: Request) -> ApiResult {
    let user_id = crate::auth::caller::bearer_user(state, &req)?;
    let user =
        users::by_id(state, &user_id).await?.ok_or_else(|| ApiError::unauthorized("The user no longer exists."))?;
    if user.email_verified {
        return Err(ApiError::Conflict {
            code: "already_verified",
            detail: "This address is already verified.".into(),
        });
    }
    limited(state, VERIFY_MAILS_PER_USER, &user.id).await?;
    mail::send_verification(state, &user).await?;
    check_email()
}

/// The signed-in user with their current password checked (attempts counted before checking).
async fn with_password(state: &AppState, req: &Request, field: &str, given: &str) -> ApiResult<users::UserRecord> {
    let user_id = crate::auth::caller::bearer_user(state, req)?;
    let user =
        users::by_id(state, &user_id).await?.ok_or_else(|| ApiError::unauthorized("The user no longer exists."))?;
    limited(state, PASSWORD_CHECKS_PER_USER, &user.id).await?;
    if !password::verify(given, &user.password_hash) {
        return Err(ApiError::validation(field, "wrong_password", "The current password is incorrect."));
    }
    ratelimit::give_back(state, PASSWORD_CHECKS_PER_USER, &user.id).await?;
    Ok(user)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordBody {
    current_password: String,
    new_password: String,
}

/// `PUT /me/password`: every other session ends; the answer carries a fresh one.
#[tracing::instrument(skip_all)]
pub async fn change_password(state: &AppState, req: Request) -> ApiResult {
    let body: ChangePasswordBody = json_body(&req)?;
    let mut checks = Checks::new();
    checks.password("new_password", &body.new_password);
    checks.finish()?;
    let user = with_password(state, &req, "current_password", &body.current_password).await?;
    users::set_password(state, &user.id, &password::hash(&body.new_password)?).await?;
    // Started after the change, so it outlives it.
    tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    let refresh = sessions::start(state, &user.id).await?;
    let tokens: Tokens = issue_tokens(state, &user.id, refresh).await?;
    mail::notify(state, &user.email, Notice::PasswordChanged, user.language).await;
    tracing::info!(user_id = %user.id, "password changed; other sessions ended");
    ok(&serde_json::json!({ "tokens": tokens }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeEmailBody {
    new_email: String,
    password: String,
}

/// `PUT /me/email`: mails a confirmation link to the new address; the account moves when it is
/// clicked. A taken address gets a mail saying so, and the answer is the same.
#[tracing::instrument(skip_all)]
pub async fn change_email(state: &AppState, req: Request) -> ApiResult {
    let body: ChangeEmailBody = json_body(&req)?;
    let mut checks = Checks::new();
    let new_email = checks.email("new_email", &body.new_email);
    checks.finish()?;
    let new_email = new_email.expect("checked");
    let user = with_password(state, &req, "password", &body.password).await?;
    if new_email.as_str() == user.email {
        return Err(ApiError::validation("new_email", "unchanged", "This is already your address."));
    }
    limited(state, VERIFY_MAILS_PER_USER, &user.id).await?;
    if users::by_email(state, new_email.as_str()).await?.is_some() {
        mail::notify(state, new_email.as_str(), Notice::NewEmailTaken, user.language).await;
    } else {
        let token = mailtokens::issue(
            state,
            Purpose::ChangeEmail,
            &user.id,
            new_email.as_str(),
            Some(&user.email),
            VERIFY_HOURS * 3600,
        )
        .await?;
        let link = mail::link(state, "/verify-email", Some(&token));
        mail::notify(state, new_email.as_str(), Notice::ConfirmNewEmail { link }, user.language).await;
    }
    check_email()
}

/// 403 `email_not_verified` unless the tenant's owner has verified their address.
pub async fn require_verified(state: &AppState, tenant_id: &crate::ids::TenantId) -> ApiResult<()> {
    match tenants::by_id(state, tenant_id).await? {
        Some(t) if t.verified => Ok(()),
        _ => Err(ApiError::Restricted {
            code: "email_not_verified",
            detail: "Verify the owner's e-mail address first: the link is in the mail we sent.".into(),
        }),
    }
}
