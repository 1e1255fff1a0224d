//! Every DynamoDB key of the single table, built in one place.
//! `docs/data-model.md` is the table of access patterns these keys serve.
//!
//! Tenant-owned items all have a partition key starting with `T#{tenant_id}`, so a key built
//! from the caller's tenant can never address another tenant's data.

pub const PK: &str = "PK";
pub const SK: &str = "SK";
pub const GSI1: &str = "GSI1";
pub const GSI1PK: &str = "GSI1PK";
pub const GSI1SK: &str = "GSI1SK";
pub const TYPE: &str = "type";
/// Epoch seconds after which an item is dead (DynamoDB TTL attribute).
pub const EXPIRES_AT: &str = "expires_at";

// Users and credentials (not tenant-owned).
pub fn user(user_id: &str) -> (String, String) {
    (format!("U#{user_id}"), "USER".into())
}
pub fn email(email: &str) -> (String, String) {
    (format!("EMAIL#{email}"), "EMAIL".into())
}
pub fn refresh_family(family_id: &str) -> (String, String) {
    (format!("RT#{family_id}"), "RT".into())
}
pub fn rate_limit(scope: &str, subject: &str, window: i64) -> (String, String) {
    (format!("RL#{scope}#{subject}"), format!("W#{window}"))
}

// Tenants and memberships.
pub fn tenant_pk(tenant_id: &str) -> String {
    format!("T#{tenant_id}")
}
pub fn tenant(tenant_id: &str) -> (String, String) {
    (tenant_pk(tenant_id), "TENANT".into())
}
pub fn membership(tenant_id: &str, user_id: &str) -> (String, String) {
    (tenant_pk(tenant_id), format!("MEMBER#{user_id}"))
}
/// GSI1 of a membership: a user's tenants, oldest tenant first.
pub fn membership_gsi1(user_id: &str, tenant_id: &str) -> (String, String) {
    (format!("U#{user_id}"), format!("MEMBER#{tenant_id}"))
}
pub fn user_memberships_gsi1pk(user_id: &str) -> String {
    format!("U#{user_id}")
}
