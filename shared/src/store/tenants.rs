//! Tenants and memberships.

use anyhow::Context;
use aws_sdk_dynamodb::types::TransactWriteItem;
use serde::{Deserialize, Serialize};

use super::{Item, from_item, get, put_new, s, to_item, with_gsi1};
use crate::auth::Role;
use crate::keys;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TenantRecord {
    pub id: crate::ids::TenantId,
    pub name: String,
    pub owner_id: crate::ids::UserId,
    pub created_at: String,
    pub updated_at: String,
    /// Whether the owner's e-mail address is verified: until it is, the tenant cannot connect
    /// WhatsApp or serve the widget on other sites. Tenants stored before verification existed
    /// count as verified.
    #[serde(default = "super::yes")]
    pub verified: bool,
    /// Where notices about the tenant (usage warnings) go: the owner's address and language,
    /// copied here because the functions that send them may not read users.
    #[serde(default)]
    pub notify_email: Option<String>,
    #[serde(default)]
    pub notify_language: Option<crate::copy::Language>,
}

/// A user's membership of a tenant. The tenant's name is copied in so that a user's tenant
/// list is one query.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Membership {
    pub tenant_id: crate::ids::TenantId,
    pub user_id: crate::ids::UserId,
    pub tenant_name: String,
    pub role: Role,
    pub created_at: String,
}

/// A tenant as a member sees it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tenant {
    pub id: crate::ids::TenantId,
    pub name: String,
    pub role: Role,
    pub created_at: String,
}

impl From<Membership> for Tenant {
    fn from(m: Membership) -> Self {
        Self { id: m.tenant_id, name: m.tenant_name, role: m.role, created_at: m.created_at }
    }
}

/// Transaction items creating a tenant owned by `owner_id`.
pub fn new_tenant_items(table: &str, tenant: &TenantRecord) -> anyhow::Result<Vec<TransactWriteItem>> {
    let membership = Membership {
        tenant_id: tenant.id.clone(),
        user_id: tenant.owner_id.clone(),
        tenant_name: tenant.name.clone(),
        role: Role::Owner,
        created_at: tenant.created_at.clone(),
    };
    Ok(vec![
        put_new(table, to_item(tenant, keys::tenant(&tenant.id), "tenant")?),
        put_new(table, membership_item(&membership)?),
    ])
}

pub fn membership_item(m: &Membership) -> anyhow::Result<Item> {
    Ok(with_gsi1(
        to_item(m, keys::membership(&m.tenant_id, &m.user_id), "membership")?,
        keys::membership_gsi1(&m.user_id, &m.tenant_id),
    ))
}

/// Adds a member to a tenant (no-op answer `false` when they already are one).
pub async fn add_member(state: &AppState, membership: &Membership) -> anyhow::Result<bool> {
    super::put_if_absent(state, membership_item(membership)?, "adding a member").await
}

/// The transaction item marking a tenant verified (its owner confirmed `email`), with its
/// notices going to that address.
pub fn mark_verified(state: &AppState, tenant_id: &crate::ids::TenantId, email: &str) -> TransactWriteItem {
    TransactWriteItem::builder()
        .update(
            aws_sdk_dynamodb::types::Update::builder()
                .table_name(state.table())
                .set_key(Some(super::key_map(&keys::tenant(tenant_id))))
                .update_expression("SET verified = :true, notify_email = :email")
                .condition_expression("attribute_exists(PK)")
                .expression_attribute_values(":true", aws_sdk_dynamodb::types::AttributeValue::Bool(true))
                .expression_attribute_values(":email", s(email))
                .build()
                .expect("complete"),
        )
        .build()
}

pub async fn create(state: &AppState, tenant: &TenantRecord) -> anyhow::Result<()> {
    state
        .dynamo
        .transact_write_items()
        .set_transact_items(Some(new_tenant_items(state.table(), tenant)?))
        .send()
        .await
        .context("creating a tenant")?;
    Ok(())
}

pub async fn membership(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    user_id: &crate::ids::UserId,
) -> anyhow::Result<Option<Membership>> {
    get(state, &keys::membership(tenant_id, user_id)).await
}

/// A user's memberships, oldest tenant first.
pub async fn memberships_of(state: &AppState, user_id: &crate::ids::UserId) -> anyhow::Result<Vec<Membership>> {
    let mut out = Vec::new();
    let mut start = None;
    loop {
        let page = state
            .dynamo
            .query()
            .table_name(state.table())
            .index_name(keys::GSI1)
            .key_condition_expression("GSI1PK = :pk AND begins_with(GSI1SK, :m)")
            .expression_attribute_values(":pk", s(keys::user_memberships_gsi1pk(user_id)))
            .expression_attribute_values(":m", s(keys::MEMBER_PREFIX))
            .set_exclusive_start_key(start)
            .send()
            .await
            .context("listing memberships")?;
        for item in page.items.unwrap_or_default() {
            out.push(from_item(item)?);
        }
        start = page.last_evaluated_key;
        if start.is_none() {
            return Ok(out);
        }
    }
}

pub async fn by_id(state: &AppState, tenant_id: &crate::ids::TenantId) -> anyhow::Result<Option<TenantRecord>> {
    get(state, &keys::tenant(tenant_id)).await
}

/// Renames a tenant and the copies of its name on every membership.
pub async fn rename(state: &AppState, tenant_id: &crate::ids::TenantId, name: &str) -> anyhow::Result<()> {
    let now = crate::ids::now_rfc3339();
    state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(super::key_map(&keys::tenant(tenant_id))))
        .update_expression("SET #n = :n, updated_at = :u")
        .expression_attribute_names("#n", "name")
        .expression_attribute_values(":n", s(name))
        .expression_attribute_values(":u", s(&now))
        .send()
        .await
        .context("renaming a tenant")?;
    let members = super::partition_prefix(state, keys::tenant_pk(tenant_id), keys::MEMBER_PREFIX)
        .send()
        .await
        .context("listing a tenant's members")?;
    for item in members.items.unwrap_or_default() {
        let m: Membership = from_item(item)?;
        state
            .dynamo
            .update_item()
            .table_name(state.table())
            .set_key(Some(super::key_map(&keys::membership(&m.tenant_id, &m.user_id))))
            .update_expression("SET tenant_name = :n")
            .expression_attribute_values(":n", s(name))
            .send()
            .await
            .context("renaming a membership")?;
    }
    Ok(())
}
