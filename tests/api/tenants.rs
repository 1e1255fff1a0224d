use serde_json::json;
use testkit::TestApp;

#[tokio::test]
async fn a_user_can_create_more_tenants_and_list_them_oldest_first() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let created = app.post("/tenants", Some(&account.access), json!({"name": "İkinci Şube"})).await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.body["role"], "owner");
    let list = app.get("/tenants/my", &account.access).await;
    let ids: Vec<&str> = list.body["items"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [account.tenant_id.as_str(), created.body["id"].as_str().unwrap()]);
}

#[tokio::test]
async fn the_tenant_header_must_name_a_tenant_the_caller_belongs_to() {
    let app = TestApp::spawn().await;
    let alice = app.register().await;
    let bob = app.register().await;
    let headers = [("x-tenant-id", bob.tenant_id.as_str()), ("content-type", "application/json")];
    let reply =
        app.request("PATCH", "/tenants/current", Some(&alice.access), &headers, br#"{"name":"hijack"}"#.to_vec()).await;
    assert_eq!(reply.status, 403, "{}", reply.text);
    let bob_view = app.get("/tenants/my", &bob.access).await;
    assert_ne!(bob_view.body["items"][0]["name"], "hijack");
}

#[tokio::test]
async fn renaming_the_current_tenant_shows_in_every_listing() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let headers = [("x-tenant-id", account.tenant_id.as_str()), ("content-type", "application/json")];
    let reply = app
        .request(
            "PATCH",
            "/tenants/current",
            Some(&account.access),
            &headers,
            r#"{"name":"Yeni Ad"}"#.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(app.get("/me", &account.access).await.body["tenants"][0]["name"], "Yeni Ad");
}

#[tokio::test]
async fn tenant_names_are_validated() {
    let app = TestApp::spawn().await;
    let account = app.register().await;
    let reply = app.post("/tenants", Some(&account.access), json!({"name": "  "})).await;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.error_fields(), ["name"]);
    let reply = app.post("/tenants", None, json!({"name": "x"})).await;
    assert_eq!(reply.status, 401);
}
