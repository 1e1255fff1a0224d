//! The permission matrix: the role each dashboard route needs, written once. `authenticate`
//! applies it to every request, from the route the request came in on (both dispatchers, the
//! Lambda `main`s and the route table, name it). `docs/permissions.md` is the same table in
//! prose; a test walks every route with an agent and an admin.
//!
//! - **Agent**: reads everything of the tenant, answers conversations, works leads and
//!   appointments, tries bots out.
//! - **Admin**: also manages bots, knowledge, WhatsApp connections, booking calendars and the
//!   calendar feed, the tenant's name and its team (invitations, roles, removals), and deletes
//!   conversations.
//! - **Owner**: also hands the tenant to another member.

use super::Role;

/// Routes an admin (or the owner) may call, by function name.
pub const ADMIN_ROUTES: &[&str] = &[
    "tenants-update-current",
    "tenants-invite",
    "tenants-invitation-revoke",
    "tenants-member-update",
    "tenants-member-remove",
    "bots-create",
    "bots-update",
    "bots-delete",
    "bots-rotate-key",
    "knowledge-create",
    "knowledge-update",
    "knowledge-delete",
    "knowledge-import",
    "knowledge-gaps-attach",
    "conversations-delete",
    "calendar-put",
    "calendar-feed-create",
    "calendar-feed-revoke",
    "whatsapp-integration-put",
    "whatsapp-integration-delete",
    "whatsapp-integration-test",
    "whatsapp-embedded-signup",
    "privacy-contact-export",
    "privacy-contact-erase",
    "privacy-audit",
    "privacy-settings-get",
    "privacy-settings-put",
];

/// Routes only the owner may call.
pub const OWNER_ROUTES: &[&str] = &["tenants-transfer", "tenants-closing-request", "tenants-closing-cancel"];

/// The route a request came in on, put on the request by the dispatcher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteName(pub &'static str);

/// The role a route needs; a request that names no route needs the owner (fails closed).
pub fn required(route: Option<RouteName>) -> Role {
    match route {
        Some(RouteName(name)) if OWNER_ROUTES.contains(&name) => Role::Owner,
        Some(RouteName(name)) if ADMIN_ROUTES.contains(&name) => Role::Admin,
        Some(_) => Role::Agent,
        None => Role::Owner,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_route_exists_and_an_unnamed_request_needs_the_owner() {
        let names: Vec<&str> = crate::routes::routes().iter().map(|r| r.function).collect();
        for name in ADMIN_ROUTES.iter().chain(OWNER_ROUTES) {
            assert!(names.contains(name), "{name} is not a route");
        }
        assert_eq!(required(None), Role::Owner);
        assert_eq!(required(Some(RouteName("bots-delete"))), Role::Admin);
        assert_eq!(required(Some(RouteName("appointments-create"))), Role::Agent);
    }
}
