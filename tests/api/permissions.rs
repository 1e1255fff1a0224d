//! The permission matrix (`shared::auth::permissions`) on every dashboard route, walked with an
//! agent and an admin of one tenant.

use shared::auth::Role;
use shared::auth::permissions::{ADMIN_ROUTES, OWNER_ROUTES};
use testkit::{Account, TestApp};

async fn member(app: &TestApp, owner: &Account, role: Role) -> Account {
    let account = app.register().await;
    let added = shared::store::tenants::add_member(
        &app.state,
        &shared::store::tenants::Membership {
            tenant_id: owner.tenant_id.clone(),
            user_id: account.user_id.as_str().into(),
            tenant_name: "Kliniğim".into(),
            role,
            created_at: shared::ids::now_rfc3339(),
        },
    )
    .await
    .unwrap();
    assert!(added);
    account
}

/// A route's path with every `{param}` replaced by a well-formed id nobody has.
fn concrete(path: &str) -> String {
    path.split('/')
        .map(|part| if part.starts_with('{') { "01jfnq0p1q2r3s4t5v6w7x8y9z" } else { part })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn every_dashboard_route_lets_each_role_do_exactly_what_the_matrix_says() {
    let app = TestApp::spawn().await;
    let owner = app.register().await;
    let agent = member(&app, &owner, Role::Agent).await;
    let admin = member(&app, &owner, Role::Admin).await;
    let tenant = owner.tenant_id.to_string();
    let mut walked = 0;
    // Leaving the team goes last: it ends the walker's membership.
    let mut routes = shared::routes::routes();
    routes.sort_by_key(|r| r.function == "tenants-leave");
    for route in routes {
        if route.audience != shared::routes::Audience::Dashboard {
            continue;
        }
        let path = concrete(route.path);
        let body = if matches!(route.method, "POST" | "PUT" | "PATCH") { b"{}".to_vec() } else { Vec::new() };
        for (who, account, role) in [("agent", &agent, Role::Agent), ("admin", &admin, Role::Admin)] {
            let reply = app
                .request(
                    route.method,
                    &path,
                    Some(&account.access),
                    &[("content-type", "application/json"), ("x-tenant-id", &tenant)],
                    body.clone(),
                )
                .await;
            let needs = if OWNER_ROUTES.contains(&route.function) {
                Role::Owner
            } else if ADMIN_ROUTES.contains(&route.function) {
                Role::Admin
            } else {
                Role::Agent
            };
            if role < needs {
                assert_eq!(reply.status, 403, "{who} on {} {}: {}", route.method, route.path, reply.text);
                assert_eq!(reply.code(), "forbidden");
            } else {
                assert_ne!(reply.status, 403, "{who} on {} {}: {}", route.method, route.path, reply.text);
            }
        }
        walked += 1;
    }
    assert!(walked > 50, "{walked} routes walked");
    // What an agent may not do stays undone: the owner's bot list is still empty.
    assert_eq!(app.get("/bots", &owner.access).await.body["items"], serde_json::json!([]));
}
