//! The team: invitations by e-mail, roles, removal, leaving and handing the tenant over.

use serde_json::json;
use testkit::{Account, TestApp};

async fn as_member(
    app: &TestApp,
    account: &Account,
    tenant: &str,
    method: &str,
    path: &str,
    body: Option<serde_json::Value>,
) -> testkit::Reply {
    let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
    app.request(
        method,
        path,
        Some(&account.access),
        &[("content-type", "application/json"), ("x-tenant-id", tenant)],
        bytes,
    )
    .await
}

#[tokio::test]
async fn an_invitation_works_once_for_its_address_and_the_team_is_managed_by_role() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let tenant = owner.tenant_id.to_string();
    let email = format!("ekip-{}@example.com", shared::ids::new_id());

    let bad =
        app.post("/tenants/current/invitations", Some(&owner.access), json!({ "email": "x@", "role": "owner" })).await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.error_fields(), ["email", "role"]);
    let invited =
        app.post("/tenants/current/invitations", Some(&owner.access), json!({ "email": email, "role": "agent" })).await;
    assert_eq!(invited.status, 201, "{}", invited.text);
    assert!(invited.body.get("token_hash").is_none(), "the token's hash is not shown");
    let token = app.mail_token(&email, "/invite").await;
    // A second invitation to the same address replaces the first: its link stops working.
    app.post("/tenants/current/invitations", Some(&owner.access), json!({ "email": email, "role": "admin" })).await;
    let newer = app.mail_token(&email, "/invite").await;
    assert_ne!(token, newer);
    let listed = app.get("/tenants/current/members", &owner.access).await.body;
    assert_eq!(listed["invitations"].as_array().unwrap().len(), 1);
    assert_eq!(listed["invitations"][0]["role"], "admin");

    // Another account cannot use it; the invited address can, once.
    let stranger = app.register().await;
    let refused = app.post("/invitations/accept", Some(&stranger.access), json!({ "token": newer })).await;
    assert_eq!((refused.status, refused.code()), (403, "invitation_for_another_address"), "{}", refused.text);
    let old = app.post("/invitations/accept", Some(&stranger.access), json!({ "token": token })).await;
    assert_eq!((old.status, old.code()), (422, "invalid_invitation"));
    let invitee = app.register_as(&email, "Kendi işim").await;
    let joined = app.post("/invitations/accept", Some(&invitee.access), json!({ "token": newer })).await;
    assert_eq!(joined.status, 200, "{}", joined.text);
    assert_eq!(joined.body["role"], "admin");
    assert_eq!(joined.body["id"], tenant.as_str());
    let again = app.post("/invitations/accept", Some(&invitee.access), json!({ "token": newer })).await;
    assert_eq!(again.code(), "invalid_invitation", "used up");
    let listed = app.get("/tenants/current/members", &owner.access).await.body;
    let members = listed["members"].as_array().unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(members[1]["email"], email.as_str());
    assert_eq!(listed["invitations"], json!([]));
    let already =
        app.post("/tenants/current/invitations", Some(&owner.access), json!({ "email": email, "role": "agent" })).await;
    assert_eq!(already.code(), "already_member");

    // The new admin works in the tenant; the owner's role does not change here.
    let uid = invitee.user_id.as_str();
    let demoted =
        app.patch(&format!("/tenants/current/members/{uid}"), &owner.access, json!({ "role": "agent" })).await;
    assert_eq!(demoted.status, 200, "{}", demoted.text);
    let as_agent = as_member(&app, &invitee, &tenant, "POST", "/bots", Some(json!({ "name": "x" }))).await;
    assert_eq!(as_agent.status, 403, "an agent does not create bots");
    let owner_id = owner.user_id.as_str();
    for (method, body) in [("PATCH", Some(json!({ "role": "agent" }))), ("DELETE", None)] {
        let r = app.call(method, &format!("/tenants/current/members/{owner_id}"), Some(&owner.access), body).await;
        assert_eq!(r.code(), "owner_role", "{method}");
    }
    let unknown = app.delete(&format!("/tenants/current/members/{}", stranger.user_id), &owner.access).await;
    assert_eq!(unknown.status, 404);

    // Handing over: the owner picks a member, who becomes the owner; the old owner an admin.
    let handed = app.post("/tenants/current/transfer", Some(&owner.access), json!({ "user_id": uid })).await;
    assert_eq!(handed.status, 204, "{}", handed.text);
    let roles = app.get("/tenants/current/members", &owner.access).await.body["members"].clone();
    let role_of = |id: &str| roles.as_array().unwrap().iter().find(|m| m["user_id"] == id).unwrap()["role"].clone();
    assert_eq!((role_of(owner_id), role_of(uid)), (json!("admin"), json!("owner")));
    let back = app.post("/tenants/current/transfer", Some(&owner.access), json!({ "user_id": uid })).await;
    assert_eq!(back.status, 403, "only the owner hands over");
    // The old owner leaves; the removed lose the tenant at once.
    assert_eq!(as_member(&app, &owner, &tenant, "POST", "/tenants/current/leave", None).await.status, 204);
    assert_eq!(as_member(&app, &owner, &tenant, "GET", "/bots", None).await.status, 403);
    let owner_leaving = as_member(&app, &invitee, &tenant, "POST", "/tenants/current/leave", None).await;
    assert_eq!(owner_leaving.code(), "owner_role");
}

#[tokio::test]
async fn an_invitation_can_be_revoked_and_another_tenant_sees_none_of_it() {
    let app = TestApp::spawn().await;
    let a = app.register().await;
    let b = app.register().await;
    let email = format!("davet-{}@example.com", shared::ids::new_id());
    let invited =
        app.post("/tenants/current/invitations", Some(&a.access), json!({ "email": email, "role": "agent" })).await;
    let id = invited.body["id"].as_str().unwrap();
    let token = app.mail_token(&email, "/invite").await;
    assert_eq!(app.delete(&format!("/tenants/current/invitations/{id}"), &b.access).await.status, 404);
    assert_eq!(app.get("/tenants/current/members", &b.access).await.body["invitations"], json!([]));
    assert_eq!(app.delete(&format!("/tenants/current/invitations/{id}"), &a.access).await.status, 204);
    let invitee = app.register_as(&email, "x").await;
    let r = app.post("/invitations/accept", Some(&invitee.access), json!({ "token": token })).await;
    assert_eq!(r.code(), "invalid_invitation");
    // Two clicks at once: one joins, the other is told the link is used.
    app.post("/tenants/current/invitations", Some(&a.access), json!({ "email": email, "role": "agent" })).await;
    let token = app.mail_token(&email, "/invite").await;
    let (x, y) = tokio::join!(
        app.post("/invitations/accept", Some(&invitee.access), json!({ "token": token })),
        app.post("/invitations/accept", Some(&invitee.access), json!({ "token": token }))
    );
    let mut statuses = [x.status, y.status];
    statuses.sort();
    assert_eq!(statuses[0], 200);
    assert_eq!(app.get("/tenants/current/members", &a.access).await.body["members"].as_array().unwrap().len(), 2);
}
