//! A tenant's team: members (memberships) and pending invitations. An invitation's token exists
//! only in the e-mail; it is stored under a keyed hash, expires, and is used up in the same
//! transaction that adds the member, so a link works once even when clicked twice at once.

use serde::{Deserialize, Serialize};

use super::page::{decode_all, query_all};
use super::tenants::{Membership, membership_item};
use super::{Transacted, delete, delete_if, n, put, put_if, put_new, s, to_item, transact, with_names};
use crate::auth::Role;
use crate::ids::{TenantId, UserId};
use crate::keys;
use crate::state::AppState;

/// How long an invitation link works.
pub const INVITATION_TTL_SECS: i64 = 7 * 24 * 3600;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Invitation {
    pub id: String,
    pub tenant_id: TenantId,
    pub tenant_name: String,
    pub email: String,
    pub role: Role,
    pub invited_by: UserId,
    pub created_at: String,
    pub expires_at: i64,
    #[serde(skip_serializing)]
    #[serde(default)]
    pub token_hash: String,
}

/// The stored form keeps the token hash (the API's form does not show it).
#[derive(Serialize, Deserialize)]
struct Stored {
    #[serde(flatten)]
    invitation: Invitation,
    token_hash: String,
}

fn hash(state: &AppState, token: &str) -> String {
    crate::auth::tokens::seal(&state.config.jwt_secret, "invitation", token.as_bytes())
}

/// The tenant's members, oldest first.
pub async fn members(state: &AppState, tenant_id: &TenantId) -> anyhow::Result<Vec<Membership>> {
    let items = query_all(|| super::partition_prefix(state, keys::tenant_pk(tenant_id), keys::MEMBER_PREFIX)).await?;
    let mut members: Vec<Membership> = decode_all(items)?;
    members.sort_by(|a, b| a.created_at.cmp(&b.created_at));
    Ok(members)
}

/// The tenant's live invitations.
pub async fn pending(state: &AppState, tenant_id: &TenantId) -> anyhow::Result<Vec<Invitation>> {
    let items =
        query_all(|| super::partition_prefix(state, keys::tenant_pk(tenant_id), keys::INVITATION_PREFIX)).await?;
    let stored: Vec<Stored> = decode_all(items)?;
    Ok(stored
        .into_iter()
        .map(|s| Invitation { token_hash: s.token_hash, ..s.invitation })
        .filter(|i| !super::is_expired(Some(i.expires_at)))
        .collect())
}

/// Stores a new invitation (replacing `replaces`, an earlier one to the same address) and
/// returns its link's token.
pub async fn invite(
    state: &AppState,
    mut invitation: Invitation,
    replaces: Option<&Invitation>,
) -> anyhow::Result<String> {
    let table = state.table();
    let token = crate::ids::random_token(32);
    invitation.token_hash = hash(state, &token);
    let stored = Stored { token_hash: invitation.token_hash.clone(), invitation: invitation.clone() };
    let mut item = to_item(&stored, keys::invitation(&invitation.tenant_id, &invitation.id), "invitation")?;
    item.insert(keys::EXPIRES_AT.into(), n(invitation.expires_at));
    let mut lookup = to_item(&stored, keys::invitation_token(&invitation.token_hash), "invitation_token")?;
    lookup.insert(keys::EXPIRES_AT.into(), n(invitation.expires_at));
    let mut writes = vec![put_new(table, item), put_new(table, lookup)];
    if let Some(old) = replaces {
        writes.push(delete(table, &keys::invitation(&old.tenant_id, &old.id)));
        writes.push(delete(table, &keys::invitation_token(&old.token_hash)));
    }
    transact(state, writes, "storing an invitation").await?;
    Ok(token)
}

/// The live invitation behind a link's token.
pub async fn by_token(state: &AppState, token: &str) -> anyhow::Result<Option<Invitation>> {
    if token.is_empty() || token.len() > 100 {
        return Ok(None);
    }
    let stored: Option<Stored> = super::get(state, &keys::invitation_token(&hash(state, token))).await?;
    Ok(stored
        .map(|s| Invitation { token_hash: s.token_hash, ..s.invitation })
        .filter(|i| !super::is_expired(Some(i.expires_at))))
}

/// Removes an invitation (both items).
pub async fn revoke(state: &AppState, invitation: &Invitation) -> anyhow::Result<()> {
    let table = state.table();
    let writes = vec![
        delete(table, &keys::invitation(&invitation.tenant_id, &invitation.id)),
        delete(table, &keys::invitation_token(&invitation.token_hash)),
    ];
    transact(state, writes, "revoking an invitation").await?;
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
pub enum Accepted {
    Joined,
    /// Used already (at the same moment, by another click), or revoked.
    Gone,
    /// The user is a member of the tenant already (the invitation is used up).
    AlreadyMember,
}

/// Uses the invitation up and adds the member, in one transaction.
pub async fn accept(state: &AppState, invitation: &Invitation, membership: &Membership) -> anyhow::Result<Accepted> {
    let table = state.table();
    let exists = "attribute_exists(PK)";
    let writes = vec![
        delete_if(table, &keys::invitation_token(&invitation.token_hash), Some(exists), &[]),
        delete_if(table, &keys::invitation(&invitation.tenant_id, &invitation.id), Some(exists), &[]),
        put_new(table, membership_item(membership)?),
    ];
    Ok(match transact(state, writes, "accepting an invitation").await? {
        Transacted::Done => Accepted::Joined,
        refused if refused.refused_at(2) => {
            revoke(state, invitation).await?;
            Accepted::AlreadyMember
        }
        Transacted::Refused(_) => Accepted::Gone,
    })
}

/// Changes a member's role (not the owner's: ownership moves by [`transfer`]).
pub async fn set_role(state: &AppState, member: &Membership, role: Role) -> anyhow::Result<bool> {
    let mut next = member.clone();
    next.role = role;
    let write = put_if(state.table(), membership_item(&next)?, "#r <> :owner", &[(":owner", s("owner"))]);
    Ok(transact(state, vec![with_names(write, &[("#r", "role")])], "changing a role").await? == Transacted::Done)
}

/// Removes a member (never the owner).
pub async fn remove(state: &AppState, member: &Membership) -> anyhow::Result<bool> {
    let write = delete_if(
        state.table(),
        &keys::membership(&member.tenant_id, &member.user_id),
        Some("attribute_exists(PK) AND #r <> :owner"),
        &[(":owner", s("owner"))],
    );
    Ok(transact(state, vec![with_names(write, &[("#r", "role")])], "removing a member").await? == Transacted::Done)
}

/// Makes `to` the owner and the owner an admin, and records it on the tenant, in one step.
pub async fn transfer(state: &AppState, owner: &Membership, to: &Membership) -> anyhow::Result<bool> {
    let table = state.table();
    let mut new_owner = to.clone();
    new_owner.role = Role::Owner;
    let mut old_owner = owner.clone();
    old_owner.role = Role::Admin;
    let tenant_update = aws_sdk_dynamodb::types::Update::builder()
        .table_name(table)
        .set_key(Some(super::key_map(&keys::tenant(&owner.tenant_id))))
        .update_expression("SET owner_id = :to")
        .condition_expression("owner_id = :from")
        .expression_attribute_values(":to", s(to.user_id.as_str()))
        .expression_attribute_values(":from", s(owner.user_id.as_str()))
        .build()?;
    let writes = vec![
        put(table, membership_item(&new_owner)?),
        put(table, membership_item(&old_owner)?),
        aws_sdk_dynamodb::types::TransactWriteItem::builder().update(tenant_update).build(),
    ];
    Ok(transact(state, writes, "transferring a tenant").await? == Transacted::Done)
}
