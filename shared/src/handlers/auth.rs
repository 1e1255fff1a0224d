//! Registration, login, token refresh, logout and the current user.

use anyhow::Context;
use lambda_http::Request;
use serde::{Deserialize, Serialize};

use crate::auth::{authenticate, password, tokens};
use crate::domain::Checks;
use crate::error::{ApiError, ApiResult};
use crate::http::{json_body, no_content, ok, source_ip};
use crate::state::AppState;
use crate::store::ratelimit::{self, Window};
use crate::store::sessions::{self, RefreshOutcome};
use crate::store::tenants::{self, Tenant, TenantRecord};
use crate::store::users::{self, User, UserRecord};

/// Failed logins allowed per email and per IP in 15 minutes.
const LOGIN_FAILURES_PER_EMAIL: Window = Window { scope: "login-email", limit: 5, seconds: 900 };
const LOGIN_FAILURES_PER_IP: Window = Window { scope: "login-ip", limit: 20, seconds: 900 };
/// Sign-ups per IP per hour.
const REGISTRATIONS_PER_IP: Window = Window { scope: "register-ip", limit: 20, seconds: 3600 };

#[derive(Serialize)]
pub struct Tokens {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
    pub refresh_token: String,
    pub refresh_expires_in: i64,
}

pub(crate) async fn issue_tokens(
    state: &AppState,
    user_id: &crate::ids::UserId,
    refresh: sessions::IssuedRefresh,
) -> ApiResult<Tokens> {
    Ok(Tokens {
        access_token: tokens::issue_access(&state.config.jwt_secret, user_id, state.config.access_token_ttl_secs)?,
        token_type: "Bearer",
        expires_in: state.config.access_token_ttl_secs,
        refresh_token: refresh.token,
        refresh_expires_in: state.config.refresh_token_ttl_secs,
    })
}

#[derive(Deserialize)]
pub struct RegisterBody {
    email: String,
    password: String,
    full_name: String,
    tenant_name: String,
}

/// A registration whose every field is valid.
pub(crate) struct NewAccount {
    pub(crate) email: crate::domain::Email,
    pub(crate) full_name: String,
    pub(crate) tenant_name: String,
}

impl RegisterBody {
    /// Every invalid field at once, or the account to create.
    pub(crate) fn check(&self) -> ApiResult<NewAccount> {
        let mut checks = Checks::new();
        let email = checks.email("email", &self.email);
        checks.password("password", &self.password);
        let full_name = checks.name("full_name", &self.full_name, 100);
        let tenant_name = checks.name("tenant_name", &self.tenant_name, 100);
        checks.finish()?;
        let email = email.ok_or_else(|| ApiError::validation("email", "invalid_email", "must be an email address"))?;
        Ok(NewAccount { email, full_name, tenant_name })
    }
}

/// The language of mail to a new user: English when the browser prefers it, Turkish otherwise.
fn language_of(req: &Request) -> crate::copy::Language {
    crate::copy::Language::from_tag(crate::http::header(req, "accept-language").unwrap_or(""))
}

/// `POST /auth/register`: a user (unverified), their tenant (as owner) and a verification
/// mail, all or nothing. The answer is the same when the address already has an account: that
/// mail then tells its owner to log in or reset the password, so the endpoint cannot be used
/// to find out who has an account. The dashboard logs in with the same credentials next.
#[tracing::instrument(skip_all)]
pub async fn register(state: &AppState, req: Request) -> ApiResult {
    let body: RegisterBody = json_body(&req)?;
    let NewAccount { email, full_name, tenant_name } = body.check()?;
    if let Some(retry_after_secs) = ratelimit::hit(state, REGISTRATIONS_PER_IP, &client_ip(state, &req)).await? {
        return Err(ApiError::RateLimited {
            code: "rate_limited",
            retry_after_secs,
            detail: "Too many sign-ups from this address. Please try again later.".into(),
        });
    }

    let now = crate::ids::now_rfc3339();
    let user = UserRecord {
        id: crate::ids::UserId::generate(),
        email: email.to_string(),
        full_name,
        // Hashed for taken addresses too, so both answers take as long.
        password_hash: password::hash(&body.password)?,
        created_at: now.clone(),
        updated_at: now.clone(),
        email_verified: false,
        language: language_of(&req),
        sessions_after_ms: 0,
    };
    let tenant = TenantRecord {
        id: crate::ids::TenantId::generate(),
        name: tenant_name,
        owner_id: user.id.clone(),
        created_at: now.clone(),
        updated_at: now,
        verified: false,
        notify_email: Some(user.email.clone()),
        notify_language: Some(user.language),
    };
    match users::create_account(state, &user, &tenant).await? {
        users::SignUp::Created => {
            tracing::info!(user_id = %user.id, tenant_id = %tenant.id, "registered");
            crate::mail::send_verification(state, &user).await?;
        }
        users::SignUp::EmailTaken => {
            tracing::info!("sign-up with an address that has an account; its owner is told by mail");
            let owner_language = users::by_email(state, email.as_str()).await?.map(|u| u.language);
            let notice = crate::mail::Notice::AccountExists {
                login_link: crate::mail::link(state, "/login", None),
                reset_link: crate::mail::link(state, "/forgot-password", None),
            };
            crate::mail::notify(state, email.as_str(), notice, owner_language.unwrap_or(user.language)).await;
        }
    }
    crate::http::json(202, &serde_json::json!({ "status": "check_email", "email": email.as_str() }))
}

/// The address limits count: the visitor's, as the dashboard's server vouches for it with
/// `X-Client-Ip: {ip}.{epoch secs}.{hex HMAC-SHA256 of "{ip}.{epoch secs}" under
/// CLIENT_IP_SECRET}` (fresh within 60 s); otherwise the address API Gateway saw.
pub fn client_ip(state: &AppState, req: &Request) -> String {
    let seen = source_ip(req);
    let (Some(secret), Some(value)) = (&state.config.client_ip_secret, crate::http::header(req, "x-client-ip")) else {
        return seen;
    };
    vouched_ip(secret, value, crate::ids::epoch_secs()).unwrap_or(seen)
}

fn vouched_ip(secret: &secrecy::SecretString, value: &str, now: i64) -> Option<String> {
    use hmac::Mac;
    use secrecy::ExposeSecret;
    let (signed, signature) = value.rsplit_once('.')?;
    let (ip, at) = signed.rsplit_once('.')?;
    let at: i64 = at.parse().ok()?;
    if (now - at).abs() > 60 || ip.parse::<std::net::IpAddr>().is_err() {
        return None;
    }
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.expose_secret().as_bytes()).ok()?;
    mac.update(signed.as_bytes());
    mac.verify_slice(&hex::decode(signature).ok()?).ok()?;
    Some(ip.to_string())
}

#[derive(Deserialize)]
pub struct LoginBody {
    email: String,
    password: String,
}

fn too_many_attempts(retry_after_secs: u64) -> ApiError {
    ApiError::RateLimited {
        code: "rate_limited",
        retry_after_secs,
        detail: "Too many failed login attempts. Please try again later.".into(),
    }
}

/// `POST /auth/login`. Failed attempts are limited per email and per IP.
#[tracing::instrument(skip_all)]
pub async fn login(state: &AppState, req: Request) -> ApiResult {
    let body: LoginBody = json_body(&req)?;
    let mut checks = Checks::new();
    let email = checks.email("email", &body.email);
    if body.password.is_empty() {
        checks.fail("password", "required", "must not be empty");
    }
    checks.finish()?;
    let email = email.expect("checked");
    let ip = client_ip(state, &req);

    // Every attempt is counted, atomically, before the password is checked: a burst of
    // concurrent guesses gets no more checks than the limit (counting failures afterwards let
    // 40 parallel guesses through). A successful login gives its attempt back.
    let limits = [(LOGIN_FAILURES_PER_EMAIL, email.as_str()), (LOGIN_FAILURES_PER_IP, ip.as_str())];
    for (window, subject) in limits {
        if let Some(retry) = ratelimit::hit(state, window, subject).await? {
            return Err(too_many_attempts(retry));
        }
    }
    let user = users::by_email(state, email.as_str()).await?;
    let verified = match &user {
        Some(u) => password::verify(&body.password, &u.password_hash),
        None => {
            password::verify_dummy(&body.password);
            false
        }
    };
    let Some(user) = user.filter(|_| verified) else {
        return Err(ApiError::Unauthorized {
            code: "invalid_credentials",
            detail: "The email or password is incorrect.".into(),
        });
    };
    for (window, subject) in limits {
        ratelimit::give_back(state, window, subject).await?;
    }
    let refresh = sessions::start(state, &user.id).await?;
    tracing::info!(user_id = %user.id, "logged in");
    ok(&serde_json::json!({ "user": User::from(&user), "tokens": issue_tokens(state, &user.id, refresh).await? }))
}

#[derive(Deserialize)]
pub struct RefreshBody {
    refresh_token: String,
}

/// `POST /auth/refresh`: rotates the refresh token; a reused one revokes its family.
#[tracing::instrument(skip_all)]
pub async fn refresh(state: &AppState, req: Request) -> ApiResult {
    let body: RefreshBody = json_body(&req)?;
    match sessions::rotate(state, &body.refresh_token).await? {
        RefreshOutcome::Rotated { user_id, started_ms, token } => {
            let user = users::by_id(state, &user_id).await?;
            if user.is_none_or(|u| started_ms < u.sessions_after_ms) {
                // The password changed since this session began (or the user is gone).
                if let Some((family_id, _)) = token.token.split_once('.') {
                    sessions::revoke_family(state, family_id).await?;
                }
                return Err(ApiError::Unauthorized {
                    code: "invalid_token",
                    detail: "The refresh token is invalid.".into(),
                });
            }
            ok(&serde_json::json!({ "tokens": issue_tokens(state, &user_id, token).await? }))
        }
        RefreshOutcome::Invalid => Err(ApiError::Unauthorized {
            code: "invalid_token",
            detail: "The refresh token is invalid or expired.".into(),
        }),
        RefreshOutcome::Reused => {
            tracing::warn!("a used refresh token was presented again; its session is revoked");
            Err(ApiError::Unauthorized {
                code: "token_reused",
                detail: "This session was ended for your security. Please log in again.".into(),
            })
        }
    }
}

/// `POST /auth/logout`: ends the session of the given refresh token. Always 204, so the
/// answer reveals nothing about the token.
#[tracing::instrument(skip_all)]
pub async fn logout(state: &AppState, req: Request) -> ApiResult {
    let body: RefreshBody = json_body(&req)?;
    sessions::revoke(state, &body.refresh_token).await.context("logging out")?;
    no_content()
}

/// `GET /me`: the user and every tenant they belong to, with their role in each.
#[tracing::instrument(skip_all)]
pub async fn me(state: &AppState, req: Request) -> ApiResult {
    let user_id = crate::auth::caller::bearer_user(state, &req)?;
    let user =
        users::by_id(state, &user_id).await?.ok_or_else(|| ApiError::unauthorized("The user no longer exists."))?;
    let tenants: Vec<Tenant> = tenants::memberships_of(state, &user_id).await?.into_iter().map(Tenant::from).collect();
    ok(&serde_json::json!({ "user": User::from(&user), "tenants": tenants }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateMeBody {
    full_name: String,
}

/// `PATCH /me`: the user's own profile.
#[tracing::instrument(skip_all)]
pub async fn update_me(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let body: UpdateMeBody = json_body(&req)?;
    let mut checks = Checks::new();
    let full_name = checks.name("full_name", &body.full_name, 100);
    checks.finish()?;
    let user = users::update_name(state, &caller.user_id, &full_name).await?.ok_or(ApiError::NotFound)?;
    ok(&User::from(&user))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::Mac;

    fn sign(secret: &str, signed: &str) -> String {
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(signed.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    #[test]
    fn a_vouched_address_needs_the_shared_secret_and_a_fresh_time() {
        let secret = secrecy::SecretString::from("s".repeat(40));
        let now = 1_800_000_000;
        let good = format!("203.0.113.9.{now}.{}", sign(&"s".repeat(40), &format!("203.0.113.9.{now}")));
        assert_eq!(vouched_ip(&secret, &good, now + 30).as_deref(), Some("203.0.113.9"));
        assert_eq!(vouched_ip(&secret, &good, now + 61), None, "stale");
        let forged = format!(
            "198.51.100.1.{now}.{}",
            sign("another secret of enough length....", &format!("198.51.100.1.{now}"))
        );
        assert_eq!(vouched_ip(&secret, &forged, now), None, "wrong key");
        let swapped = good.replacen("203.0.113.9", "203.0.113.8", 1);
        assert_eq!(vouched_ip(&secret, &swapped, now), None, "tampered address");
        let v6 = format!("2001:db8::1.{now}.{}", sign(&"s".repeat(40), &format!("2001:db8::1.{now}")));
        assert_eq!(vouched_ip(&secret, &v6, now).as_deref(), Some("2001:db8::1"));
        assert_eq!(vouched_ip(&secret, "garbage", now), None);
    }
}
