//! The tenant's team: members and their roles, invitations by e-mail, leaving, and handing the
//! tenant to another member. Who may do what is in `auth::permissions`.

use lambda_http::Request;
use serde::Deserialize;

use crate::auth::caller::bearer_user;
use crate::auth::{Caller, Role, authenticate};
use crate::domain::Checks;
use crate::error::{ApiError, ApiResult};
use crate::http::{created, id_param, json_body, no_content, ok};
use crate::state::AppState;
use crate::store::ratelimit::{self, Window};
use crate::store::team::{self, Accepted, Invitation};
use crate::store::tenants::{self, Membership};
use crate::store::users;

/// Invitations a tenant may send an hour, and may have pending at once.
const INVITES_PER_TENANT: Window = Window { scope: "invite", limit: 20, seconds: 3600 };
const MAX_PENDING: usize = 50;

fn role_of(raw: &str, checks: &mut Checks) -> Option<Role> {
    match raw {
        "admin" => Some(Role::Admin),
        "agent" => Some(Role::Agent),
        _ => {
            checks.fail("role", "invalid_choice", "must be admin or agent");
            None
        }
    }
}

/// `GET /tenants/current/members`: the members (with their names and addresses) and the
/// pending invitations.
#[tracing::instrument(skip_all)]
pub async fn list(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let mut members = Vec::new();
    for m in team::members(state, &caller.tenant_id).await? {
        let user = users::by_id(state, &m.user_id).await?;
        members.push(serde_json::json!({
            "user_id": m.user_id,
            "email": user.as_ref().map(|u| u.email.clone()),
            "full_name": user.as_ref().map(|u| u.full_name.clone()),
            "role": m.role,
            "joined_at": m.created_at,
            "you": m.user_id == caller.user_id,
        }));
    }
    let invitations = team::pending(state, &caller.tenant_id).await?;
    ok(&serde_json::json!({ "members": members, "invitations": invitations }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteBody {
    email: String,
    role: String,
}

/// `POST /tenants/current/invitations {email, role}`: mails a link that works once for 7 days;
/// a new invitation to the same address replaces the pending one.
#[tracing::instrument(skip_all)]
pub async fn invite(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let body: InviteBody = json_body(&req)?;
    let mut checks = Checks::new();
    let email = checks.email("email", &body.email);
    let role = role_of(&body.role, &mut checks);
    checks.finish()?;
    let (email, role) = (email.expect("checked").as_str().to_string(), role.expect("checked"));
    if let Some(user) = users::by_email(state, &email).await?
        && tenants::membership(state, &caller.tenant_id, &user.id).await?.is_some()
    {
        return Err(ApiError::Conflict {
            code: "already_member",
            detail: "This address is already on the team.".into(),
        });
    }
    let pending = team::pending(state, &caller.tenant_id).await?;
    let replaces = pending.iter().find(|i| i.email == email);
    if replaces.is_none() && pending.len() >= MAX_PENDING {
        return Err(ApiError::Conflict {
            code: "conflict",
            detail: format!("A team can have at most {MAX_PENDING} pending invitations."),
        });
    }
    if let Some(retry_after_secs) = ratelimit::hit(state, INVITES_PER_TENANT, caller.tenant_id.as_str()).await? {
        return Err(ApiError::RateLimited {
            code: "rate_limited",
            retry_after_secs,
            detail: "Too many invitations this hour.".into(),
        });
    }
    let tenant = tenants::by_id(state, &caller.tenant_id).await?.ok_or(ApiError::NotFound)?;
    let inviter = users::by_id(state, &caller.user_id).await?;
    let invitation = Invitation {
        id: crate::ids::new_id(),
        tenant_id: caller.tenant_id.clone(),
        tenant_name: tenant.name.clone(),
        email: email.clone(),
        role,
        invited_by: caller.user_id.clone(),
        created_at: crate::ids::now_rfc3339(),
        expires_at: crate::ids::epoch_secs() + team::INVITATION_TTL_SECS,
        token_hash: String::new(),
    };
    let token = team::invite(state, invitation.clone(), replaces).await?;
    let notice = crate::mail::Notice::Invitation {
        tenant: tenant.name,
        inviter: inviter.as_ref().map_or_else(String::new, |u| u.full_name.clone()),
        admin: role == Role::Admin,
        link: crate::mail::link(state, "/invite", Some(&token)),
    };
    let language = inviter.map_or(crate::copy::Language::Tr, |u| u.language);
    crate::mail::notify(state, &email, notice, language).await;
    created(&invitation)
}

/// `DELETE /tenants/current/invitations/{invitation_id}`
#[tracing::instrument(skip_all)]
pub async fn revoke(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let id = id_param(&req, "invitation_id")?;
    let pending = team::pending(state, &caller.tenant_id).await?;
    let invitation = pending.iter().find(|i| i.id == id).ok_or(ApiError::NotFound)?;
    team::revoke(state, invitation).await?;
    no_content()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptBody {
    token: String,
}

/// `POST /invitations/accept {token}`: the signed-in user (new or existing account, with the
/// invited address) joins the team with the invited role.
#[tracing::instrument(skip_all)]
pub async fn accept(state: &AppState, req: Request) -> ApiResult {
    let user_id = bearer_user(state, &req)?;
    let body: AcceptBody = json_body(&req)?;
    let invalid = || ApiError::Unprocessable {
        code: "invalid_invitation",
        detail: "This invitation link is not valid any more (used, revoked or older than 7 days).".into(),
    };
    let invitation = team::by_token(state, body.token.trim()).await?.ok_or_else(invalid)?;
    let user =
        users::by_id(state, &user_id).await?.ok_or_else(|| ApiError::unauthorized("The user no longer exists."))?;
    if !user.email.eq_ignore_ascii_case(&invitation.email) {
        return Err(ApiError::Restricted {
            code: "invitation_for_another_address",
            detail: format!("This invitation is for {}; sign in with that address.", invitation.email),
        });
    }
    let membership = Membership {
        tenant_id: invitation.tenant_id.clone(),
        user_id: user.id.clone(),
        tenant_name: invitation.tenant_name.clone(),
        role: invitation.role,
        created_at: crate::ids::now_rfc3339(),
    };
    match team::accept(state, &invitation, &membership).await? {
        Accepted::Joined | Accepted::AlreadyMember => ok(&tenants::Tenant::from(
            tenants::membership(state, &invitation.tenant_id, &user.id).await?.unwrap_or(membership),
        )),
        Accepted::Gone => Err(invalid()),
    }
}

async fn member(state: &AppState, caller: &Caller, req: &Request) -> ApiResult<Membership> {
    let user_id = crate::ids::UserId::from(id_param(req, "user_id")?);
    tenants::membership(state, &caller.tenant_id, &user_id).await?.ok_or(ApiError::NotFound)
}

fn owner_stays() -> ApiError {
    ApiError::Unprocessable {
        code: "owner_role",
        detail: "The owner's role does not change here: the owner hands the tenant over first.".into(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleBody {
    role: String,
}

/// `PATCH /tenants/current/members/{user_id} {role}`: admin or agent (not the owner's).
#[tracing::instrument(skip_all)]
pub async fn update(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let target = member(state, &caller, &req).await?;
    let body: RoleBody = json_body(&req)?;
    let mut checks = Checks::new();
    let role = role_of(&body.role, &mut checks);
    checks.finish()?;
    if target.role == Role::Owner || !team::set_role(state, &target, role.expect("checked")).await? {
        return Err(owner_stays());
    }
    ok(&serde_json::json!({ "user_id": target.user_id, "role": role }))
}

/// `DELETE /tenants/current/members/{user_id}`: the member loses the tenant at once (every
/// request checks membership); the owner cannot be removed.
#[tracing::instrument(skip_all)]
pub async fn remove(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let target = member(state, &caller, &req).await?;
    if target.role == Role::Owner || !team::remove(state, &target).await? {
        return Err(owner_stays());
    }
    no_content()
}

/// `POST /tenants/current/leave`: the caller leaves (the owner hands the tenant over first).
#[tracing::instrument(skip_all)]
pub async fn leave(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let me = tenants::membership(state, &caller.tenant_id, &caller.user_id).await?.ok_or(ApiError::NotFound)?;
    if me.role == Role::Owner || !team::remove(state, &me).await? {
        return Err(owner_stays());
    }
    no_content()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferBody {
    user_id: String,
}

/// `POST /tenants/current/transfer {user_id}`: the owner hands the tenant to another member
/// and becomes an admin.
#[tracing::instrument(skip_all)]
pub async fn transfer(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let body: TransferBody = json_body(&req)?;
    let me = tenants::membership(state, &caller.tenant_id, &caller.user_id).await?.ok_or(ApiError::NotFound)?;
    let to = crate::ids::UserId::from(body.user_id.trim());
    let target = match tenants::membership(state, &caller.tenant_id, &to).await? {
        Some(m) if m.user_id != me.user_id => m,
        _ => return Err(ApiError::validation("user_id", "not_a_member", "must be another member of the team")),
    };
    if !team::transfer(state, &me, &target).await? {
        return Err(ApiError::Conflict { code: "conflict", detail: "The tenant's owner changed meanwhile.".into() });
    }
    no_content()
}
