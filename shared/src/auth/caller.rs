//! Who is calling a private route, and for which tenant.

use lambda_http::Request;
use serde::{Deserialize, Serialize};

use super::tokens::{self, TokenError};
use crate::error::{ApiError, ApiResult};
use crate::http::header;
use crate::state::AppState;
use crate::store::tenants;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Answers conversations and works leads.
    Agent,
    /// Also manages bots, knowledge and integrations.
    Admin,
    /// Also manages the tenant itself.
    Owner,
}

/// An authenticated user acting within one tenant they belong to.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: crate::ids::UserId,
    pub tenant_id: crate::ids::TenantId,
    pub role: Role,
}

impl Caller {
    /// Refuses callers whose role is below `role`.
    pub fn require(&self, role: Role) -> ApiResult<()> {
        if self.role >= role {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!("This action needs the {role:?} role or higher.").to_lowercase()))
        }
    }
}

/// The user id from the `Authorization: Bearer` access token.
pub fn bearer_user(state: &AppState, req: &Request) -> ApiResult<crate::ids::UserId> {
    let token = bearer(req).ok_or_else(|| ApiError::unauthorized("A bearer access token is required."))?;
    tokens::verify_access(&state.config.jwt_secret, token).map(|c| c.sub.into()).map_err(|e| match e {
        TokenError::Expired => {
            ApiError::Unauthorized { code: "token_expired", detail: "The access token has expired.".into() }
        }
        TokenError::Invalid => {
            ApiError::Unauthorized { code: "invalid_token", detail: "The access token is invalid.".into() }
        }
    })
}

pub fn bearer(req: &Request) -> Option<&str> {
    let value = header(req, "authorization")?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim()).filter(|t| !t.is_empty())
}

/// Authenticates a private request: a valid access token, and membership of the tenant named
/// by `X-Tenant-Id` (or the user's first tenant). Membership is read on every request, so a
/// removed member loses access at once.
pub async fn authenticate(state: &AppState, req: &Request) -> ApiResult<Caller> {
    let user_id = bearer_user(state, req)?;
    let membership = match header(req, "x-tenant-id") {
        Some(tenant_id) => {
            if !crate::ids::is_id(tenant_id) {
                return Err(ApiError::Forbidden("You are not a member of this tenant.".into()));
            }
            tenants::membership(state, &crate::ids::TenantId::from(tenant_id), &user_id).await?
        }
        None => tenants::memberships_of(state, &user_id).await?.into_iter().next(),
    }
    .ok_or_else(|| ApiError::Forbidden("You are not a member of this tenant.".into()))?;
    tracing::Span::current().record("tenant_id", membership.tenant_id.as_str());
    let caller = Caller { user_id, tenant_id: membership.tenant_id, role: membership.role };
    // The permission matrix, for the route this request came in on.
    caller.require(super::permissions::required(req.extensions().get::<super::RouteName>().copied()))?;
    Ok(caller)
}
