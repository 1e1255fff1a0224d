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
