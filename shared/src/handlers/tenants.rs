//! Creating, listing and renaming tenants.

use lambda_http::Request;
use serde::Deserialize;

use crate::auth::{Role, authenticate, caller::bearer_user};
use crate::domain::Checks;
use crate::error::{ApiError, ApiResult};
use crate::http::{created, json_body, ok};
use crate::state::AppState;
use crate::store::tenants::{self, Tenant, TenantRecord};
use crate::store::users;

/// A user may own at most this many tenants (each tenant is a billing unit).
const MAX_TENANTS_PER_USER: usize = 20;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantBody {
    name: String,
}

/// `POST /tenants`: a new tenant owned by the caller.
#[tracing::instrument(skip_all)]
pub async fn create(state: &AppState, req: Request) -> ApiResult {
    let user_id = bearer_user(state, &req)?;
    let body: TenantBody = json_body(&req)?;
    let mut checks = Checks::new();
    let name = checks.name("name", &body.name, 100);
    checks.finish()?;
    let Some(user) = users::by_id(state, &user_id).await? else {
        return Err(ApiError::unauthorized("The user no longer exists."));
    };
    if tenants::memberships_of(state, &user_id).await?.len() >= MAX_TENANTS_PER_USER {
        return Err(ApiError::Conflict {
            code: "conflict",
            detail: format!("A user can belong to at most {MAX_TENANTS_PER_USER} tenants."),
        });
    }
    let now = crate::ids::now_rfc3339();
    let tenant = TenantRecord {
        id: crate::ids::TenantId::generate(),
        name,
        owner_id: user_id,
        created_at: now.clone(),
        updated_at: now,
        // A new tenant follows its owner's address.
        verified: user.email_verified,
        notify_email: Some(user.email.clone()),
        notify_language: Some(user.language),
    };
    tenants::create(state, &tenant).await?;
    created(&Tenant { id: tenant.id, name: tenant.name, role: Role::Owner, created_at: tenant.created_at })
}

/// `GET /tenants/my`: the caller's tenants, oldest first.
#[tracing::instrument(skip_all)]
pub async fn my(state: &AppState, req: Request) -> ApiResult {
    let user_id = bearer_user(state, &req)?;
    let items: Vec<Tenant> = tenants::memberships_of(state, &user_id).await?.into_iter().map(Tenant::from).collect();
    ok(&serde_json::json!({ "items": items }))
}

/// `PATCH /tenants/current`: renames the tenant chosen by `X-Tenant-Id` (owner or admin).
#[tracing::instrument(skip_all)]
pub async fn update_current(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let body: TenantBody = json_body(&req)?;
    let mut checks = Checks::new();
    let name = checks.name("name", &body.name, 100);
    checks.finish()?;
    tenants::rename(state, &caller.tenant_id, &name).await?;
    let membership = tenants::membership(state, &caller.tenant_id, &caller.user_id).await?.ok_or(ApiError::NotFound)?;
    ok(&Tenant::from(membership))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosingBody {
    /// The business's name, typed again: closing is not a click.
    confirm_name: String,
}

/// `GET /tenants/current/closing`: the business's scheduled closing, if any.
#[tracing::instrument(skip_all)]
pub async fn closing_get(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    ok(&serde_json::json!({ "closing": crate::store::closing::pending(state, &caller.tenant_id).await? }))
}

/// `POST /tenants/current/closing`: the owner closes the business; everything it holds is
/// deleted after the grace period unless they cancel.
#[tracing::instrument(skip_all)]
pub async fn closing_request(state: &AppState, req: Request) -> ApiResult {
    use crate::store::closing::{self, Closing, GRACE_DAYS};
    let caller = authenticate(state, &req).await?;
    let body: ClosingBody = json_body(&req)?;
    let tenant = tenants::by_id(state, &caller.tenant_id).await?.ok_or(ApiError::NotFound)?;
    if body.confirm_name.trim() != tenant.name {
        return Err(ApiError::validation("confirm_name", "name_mismatch", "type the business's name exactly as it is"));
    }
    let now = crate::ids::now();
    let closing = Closing {
        tenant_id: caller.tenant_id.clone(),
        delete_at: crate::ids::rfc3339(now + time::Duration::days(GRACE_DAYS)),
        requested_by: caller.user_id.clone(),
        requested_at: crate::ids::rfc3339(now),
    };
    ok(&serde_json::json!({ "closing": closing::schedule(state, &closing).await? }))
}

/// `DELETE /tenants/current/closing`: the owner keeps the business after all.
#[tracing::instrument(skip_all)]
pub async fn closing_cancel(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    if let Some(closing) = crate::store::closing::pending(state, &caller.tenant_id).await? {
        crate::store::closing::cancel(state, &closing).await?;
    }
    crate::http::no_content()
}
