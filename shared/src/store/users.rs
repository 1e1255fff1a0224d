//! Users and their unique emails.

use serde::{Deserialize, Serialize};

use super::{get, to_item};
use crate::copy::Language;
use crate::keys;
use crate::state::AppState;

/// A user as stored, password hash included. Never serialised into a response.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserRecord {
    pub id: crate::ids::UserId,
    pub email: String,
    pub full_name: String,
    pub password_hash: String,
    pub created_at: String,
    pub updated_at: String,
    /// Accounts made before verification existed count as verified.
    #[serde(default = "super::yes")]
    pub email_verified: bool,
    /// The language mail is written in (from the browser at sign-up).
    #[serde(default = "default_language")]
    pub language: Language,
    /// Refresh-token families started before this moment (epoch ms) are void: a password
    /// change or reset ends every session.
    #[serde(default)]
    pub sessions_after_ms: i64,
}

fn default_language() -> Language {
    Language::Tr
}

/// A user as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    pub id: crate::ids::UserId,
    pub email: String,
    pub full_name: String,
    pub email_verified: bool,
    pub language: Language,
    pub created_at: String,
}

impl From<&UserRecord> for User {
    fn from(r: &UserRecord) -> Self {
        Self {
            id: r.id.clone(),
            email: r.email.clone(),
            full_name: r.full_name.clone(),
            email_verified: r.email_verified,
            language: r.language,
            created_at: r.created_at.clone(),
        }
    }
}

/// The item reserving an email for one user.
#[derive(Debug, Serialize, Deserialize)]
pub struct EmailClaim {
    pub user_id: crate::ids::UserId,
}

pub fn user_item(user: &UserRecord) -> anyhow::Result<super::Item> {
    to_item(user, keys::user(&user.id), "user")
}

pub fn email_item(email: &str, user_id: &crate::ids::UserId) -> anyhow::Result<super::Item> {
    to_item(&EmailClaim { user_id: user_id.into() }, keys::email(email), "email")
}

/// What a sign-up wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignUp {
    Created,
    /// The address belongs to an account: nothing was written.
    EmailTaken,
}

/// Creates a user with their own tenant in one transaction, claiming the email first: a taken
/// address cancels the whole of it.
pub async fn create_account(
    state: &AppState,
    user: &UserRecord,
    tenant: &super::tenants::TenantRecord,
) -> anyhow::Result<SignUp> {
    let table = state.table();
    let mut items =
        vec![super::put_new(table, email_item(&user.email, &user.id)?), super::put_new(table, user_item(user)?)];
    items.extend(super::tenants::new_tenant_items(table, tenant)?);
    match super::transact(state, items, "registering a user").await? {
        super::Transacted::Done => Ok(SignUp::Created),
        refused if refused.refused_at(0) => Ok(SignUp::EmailTaken),
        super::Transacted::Refused(reasons) => anyhow::bail!("a new account's items collided: {reasons:?}"),
    }
}

pub async fn by_id(state: &AppState, user_id: &crate::ids::UserId) -> anyhow::Result<Option<UserRecord>> {
    get(state, &keys::user(user_id)).await
}

pub async fn by_email(state: &AppState, email: &str) -> anyhow::Result<Option<UserRecord>> {
    match get::<EmailClaim>(state, &keys::email(email)).await? {
        Some(claim) => by_id(state, &claim.user_id).await,
        None => Ok(None),
    }
}

pub async fn update_name(
    state: &AppState,
    user_id: &crate::ids::UserId,
    full_name: &str,
) -> anyhow::Result<Option<UserRecord>> {
    use anyhow::Context;
    let out = state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(super::key_map(&keys::user(user_id))))
        .update_expression("SET full_name = :n, updated_at = :u")
        .condition_expression("attribute_exists(PK)")
        .expression_attribute_values(":n", super::s(full_name))
        .expression_attribute_values(":u", super::s(crate::ids::now_rfc3339()))
        .return_values(aws_sdk_dynamodb::types::ReturnValue::AllNew)
        .send()
        .await;
    match out {
        Ok(out) => out.attributes.map(super::from_item).transpose(),
        Err(e) if super::is_condition_failed(&e) => Ok(None),
        Err(e) => Err(e).context("updating a user"),
    }
}

/// A new password chosen by the signed-in user: every session started before now ends.
pub async fn set_password(state: &AppState, user_id: &crate::ids::UserId, password_hash: &str) -> anyhow::Result<()> {
    use anyhow::Context;
    state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(super::key_map(&keys::user(user_id))))
        .update_expression("SET password_hash = :h, sessions_after_ms = :now, updated_at = :u")
        .condition_expression("attribute_exists(PK)")
        .expression_attribute_values(":h", super::s(password_hash))
        .expression_attribute_values(":now", super::n(crate::ids::epoch_millis()))
        .expression_attribute_values(":u", super::s(crate::ids::now_rfc3339()))
        .send()
        .await
        .context("changing a password")?;
    Ok(())
}
