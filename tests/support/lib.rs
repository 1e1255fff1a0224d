//! The test harness: a fresh table per test in the moto server that `make test` starts, and a
//! client that calls the real handlers through the route table, as API Gateway would.

use std::sync::Arc;

use local_stack::apigw::{HttpCall, invoke};
use serde_json::Value;
use shared::config::Config;
use shared::routes::{Route, routes};
use shared::{AppState, ids};

pub struct TestApp {
    pub state: Arc<AppState>,
    routes: Vec<Route>,
}

/// A response, its body parsed as JSON when it is JSON.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: lambda_http::http::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Reply {
    /// The problem code of an error response.
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or_default()
    }

    /// The fields named by a 422 response, in order.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|a| a.iter().map(|e| e["field"].as_str().unwrap_or_default().to_string()).collect())
            .unwrap_or_default()
    }
}

/// A user registered through the API, with a tenant.
#[derive(Debug, Clone)]
pub struct Account {
    pub email: String,
    pub password: String,
    pub user_id: String,
    pub tenant_id: shared::ids::TenantId,
    pub access: String,
    pub refresh: String,
}

/// What the tests' dashboard server signs visitors' addresses with.
pub const CLIENT_IP_SECRET: &str = "test-client-ip-secret-of-enough-length";

pub fn endpoint() -> String {
    std::env::var("AWS_ENDPOINT_URL")
        .expect("AWS_ENDPOINT_URL is not set: run the tests with `make test`, which starts moto")
}

/// SDK settings for an AWS-API endpoint: test credentials and a region, so nothing probes the
/// network for them.
pub async fn sdk_config(endpoint: &str) -> aws_config::SdkConfig {
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .region(aws_config::Region::new("eu-central-1"))
        .credentials_provider(aws_sdk_dynamodb::config::Credentials::new("test", "test", None, None, "tests"))
        .load()
        .await
}

impl TestApp {
    /// A new app on a table of its own.
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| None).await
    }

    /// A new app whose configuration `overrides` may change.
    pub async fn spawn_with(overrides: impl Fn(&str) -> Option<String>) -> Self {
        let app = Self::unprovisioned(&endpoint(), overrides).await;
        local_stack::resources::ensure_all(&app.state).await.expect("creating test resources in moto");
        app
    }

    /// An app whose AWS clients talk to `aws_endpoint` (for example a sabotaged stand-in),
    /// with no resources created there.
    pub async fn unprovisioned(aws_endpoint: &str, overrides: impl Fn(&str) -> Option<String>) -> Self {
        let table = format!("test-{}", ids::new_id());
        let jwt = ids::random_token(32);
        let config = Config::from_lookup(|key| {
            overrides(key).or_else(|| match key {
                "TABLE_NAME" => Some(table.clone()),
                "MEDIA_BUCKET" => Some(format!("{table}-media")),
                "JWT_SECRET" => Some(jwt.clone()),
                "FRONTEND_URL" => Some("http://localhost:3000".into()),
                "INBOUND_QUEUE_URL" => Some(format!("{}/123456789012/{table}.fifo", endpoint())),
                "TENANT_SECRET_PREFIX" => Some(format!("svontai/{table}/")),
                // Reminder schedules go to moto, in a group of the test's own.
                "REMINDER_FUNCTION_ARN" => {
                    Some("arn:aws:lambda:eu-central-1:123456789012:function:svontai-test-appointment-reminder".into())
                }
                "SCHEDULER_ROLE_ARN" => Some("arn:aws:iam::123456789012:role/svontai-test-reminders".into()),
                "SCHEDULE_GROUP" => Some(format!("{table}-reminders")),
                // Nothing in a test may reach Meta: tests that need the Graph API set a stand-in.
                "GRAPH_API_BASE" => Some("http://127.0.0.1:9/v23.0".into()),
                // Tests answer each batch at once, unless they test the quiet window itself.
                "WHATSAPP_QUIET_WINDOW_MS" => Some("0".into()),
                "MAIL_FROM" => Some("SvontAi <no-reply@svontai.test>".into()),
                "CLIENT_IP_SECRET" => Some(CLIENT_IP_SECRET.into()),
                _ => None,
            })
        })
        .expect("test configuration");
        let sdk = sdk_config(aws_endpoint).await;
        Self { state: Arc::new(AppState::new(config, &sdk)), routes: routes() }
    }

    pub async fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Reply {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let mut all: Vec<(String, String)> = headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        if let Some(t) = token {
            all.push(("authorization".into(), format!("Bearer {t}")));
        }
        let call = HttpCall {
            method: method.into(),
            path: path.into(),
            query: query.into(),
            headers: all,
            body,
            source_ip: "198.51.100.7".into(),
        };
        let resp = invoke(self.state.clone(), &self.routes, call).await;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = resp.body().to_vec();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply { status, headers, body, text }
    }

    pub async fn call(&self, method: &str, path: &str, token: Option<&str>, body: Option<Value>) -> Reply {
        let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        let headers: &[(&str, &str)] = if bytes.is_empty() { &[] } else { &[("content-type", "application/json")] };
        self.request(method, path, token, headers, bytes).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.call("GET", path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.call("POST", path, token, Some(body)).await
    }

    /// A new account that is also a `role` member of `owner`'s tenant; its `tenant_id` is that
    /// tenant, so [`TestApp::act`] works there.
    pub async fn member_of(&self, owner: &Account, role: shared::auth::Role) -> Account {
        let mut account = self.register().await;
        let membership = shared::store::tenants::Membership {
            tenant_id: owner.tenant_id.clone(),
            user_id: account.user_id.as_str().into(),
            tenant_name: "Kliniğim".into(),
            role,
            created_at: ids::now_rfc3339(),
        };
        assert!(shared::store::tenants::add_member(&self.state, &membership).await.unwrap());
        account.tenant_id = owner.tenant_id.clone();
        account
    }

    /// A request as `account` in its `tenant_id` (sent as `X-Tenant-Id`).
    pub async fn act(&self, account: &Account, method: &str, path: &str, body: Option<Value>) -> Reply {
        let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        let tenant = account.tenant_id.to_string();
        let headers = [("content-type", "application/json"), ("x-tenant-id", tenant.as_str())];
        self.request(method, path, Some(&account.access), &headers, bytes).await
    }

    /// Changes a stored conversation item behind the API's back (`expression` and its `:v`
    /// value), to stage what earlier versions or the passing of time left.
    pub async fn rewrite_conversation(
        &self,
        tenant_id: &shared::ids::TenantId,
        conversation_id: &str,
        expression: &str,
        value: Option<String>,
    ) {
        use aws_sdk_dynamodb::types::AttributeValue::S;
        let pk = shared::keys::conversation_pk(tenant_id, &conversation_id.into());
        let mut update =
            self.state.dynamo.update_item().table_name(self.state.table()).key("PK", S(pk)).key("SK", S("CONV".into()));
        if let Some(v) = value {
            update = update.expression_attribute_values(":v", S(v));
        }
        update.update_expression(expression).send().await.expect("rewriting a conversation");
    }

    /// A website visitor's chat with `bot` (the widget's `init` answer: `conversation_id`,
    /// `visitor_token`).
    pub async fn widget_chat(&self, bot: &Value) -> Value {
        let init =
            self.post("/public/chat/init", None, serde_json::json!({ "bot_public_key": bot["public_key"] })).await;
        assert_eq!(init.status, 200, "{}", init.text);
        init.body
    }

    /// The visitor of `chat` writes `text`: the whole answer (`reply`, `status`…).
    pub async fn say(&self, chat: &Value, text: &str) -> Value {
        let body = serde_json::json!({ "conversation_id": chat["conversation_id"], "message": text });
        let reply = self.post("/public/chat/send", chat["visitor_token"].as_str(), body).await;
        assert_eq!(reply.status, 200, "{text}: {}", reply.text);
        reply.body
    }

    /// Registers a new user (unique email) with a tenant.
    pub async fn register(&self) -> Account {
        let email = format!("user-{}@example.com", ids::new_id());
        self.register_as(&email, "Kliniğim").await
    }

    /// Signs up, confirms the address through the link in the verification mail, and logs in.
    pub async fn register_as(&self, email: &str, tenant_name: &str) -> Account {
        let account = self.register_unverified(email, tenant_name).await;
        let token = self.mail_token(email, "/verify-email").await;
        let verified = self.post("/auth/email/verify", None, serde_json::json!({ "token": token })).await;
        assert_eq!(verified.status, 200, "verify: {}", verified.text);
        account
    }

    /// Signs up and logs in, leaving the address unverified.
    pub async fn register_unverified(&self, email: &str, tenant_name: &str) -> Account {
        let password = "a long enough password".to_string();
        let reply = self
            .post(
                "/auth/register",
                None,
                serde_json::json!({ "email": email, "password": password, "full_name": "Ayşe Yılmaz", "tenant_name": tenant_name }),
            )
            .await;
        assert_eq!(reply.status, 202, "register: {}", reply.text);
        self.login(email, &password).await
    }

    /// Logs in and returns the session with the user's first tenant.
    pub async fn login(&self, email: &str, password: &str) -> Account {
        let reply = self.post("/auth/login", None, serde_json::json!({ "email": email, "password": password })).await;
        assert_eq!(reply.status, 200, "login: {}", reply.text);
        let access = reply.body["tokens"]["access_token"].as_str().unwrap().to_string();
        let me = self.get("/me", &access).await;
        Account {
            email: email.into(),
            password: password.into(),
            user_id: reply.body["user"]["id"].as_str().unwrap().into(),
            tenant_id: me.body["tenants"][0]["id"].as_str().unwrap_or_default().into(),
            access,
            refresh: reply.body["tokens"]["refresh_token"].as_str().unwrap().into(),
        }
    }

    /// The messages moto's SES took for `to` (the launcher keeps them: docs/local-moto.md).
    pub async fn mails_to(&self, to: &str) -> Vec<Value> {
        let to: String = to
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b".-_@".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        let url = format!("{}/_mailbox/messages?to={to}", endpoint());
        let reply: Value = reqwest::Client::new()
            .get(url)
            .send()
            .await
            .expect("reading the mailbox")
            .json()
            .await
            .expect("the mailbox answers JSON");
        reply["messages"].as_array().cloned().unwrap_or_default()
    }

    /// The token of the newest link to `path` mailed to `to`.
    pub async fn mail_token(&self, to: &str, path: &str) -> String {
        for _ in 0..50 {
            let mails = self.mails_to(to).await;
            let found = mails.iter().rev().find_map(|m| {
                let text = m["text"].as_str()?;
                let at = text.find(&format!("{path}?token="))? + path.len() + "?token=".len();
                Some(text[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect())
            });
            if let Some(token) = found {
                return token;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("no mail with a {path} link reached {to}");
    }

    /// Every item in the test's table (for checks that nothing was left behind).
    pub async fn all_items(&self) -> Vec<std::collections::HashMap<String, aws_sdk_dynamodb::types::AttributeValue>> {
        let mut items = Vec::new();
        let mut start = None;
        loop {
            let page = self
                .state
                .dynamo
                .scan()
                .table_name(self.state.table())
                .set_exclusive_start_key(start)
                .send()
                .await
                .unwrap();
            items.extend(page.items.unwrap_or_default());
            start = page.last_evaluated_key;
            if start.is_none() {
                return items;
            }
        }
    }
}

impl TestApp {
    pub async fn put(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call("PUT", path, Some(token), Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call("PATCH", path, Some(token), Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Reply {
        self.call("DELETE", path, Some(token), None).await
    }

    /// Creates a bot through the API and returns it.
    pub async fn create_bot(&self, account: &Account, name: &str) -> Value {
        let reply = self.post("/bots", Some(&account.access), serde_json::json!({ "name": name })).await;
        assert_eq!(reply.status, 201, "create bot: {}", reply.text);
        reply.body
    }

    /// Imports `items` ({title, question, answer}) into a bot's knowledge base.
    pub async fn import_knowledge(&self, account: &Account, bot_id: &str, items: Vec<Value>) {
        let reply = self
            .post(
                &format!("/bots/{bot_id}/knowledge/import"),
                Some(&account.access),
                serde_json::json!({ "items": items }),
            )
            .await;
        assert_eq!(reply.status, 201, "import: {}", reply.text);
    }

    /// Imports a CSV file (as the dashboard uploads an export) into a bot's knowledge base.
    pub async fn import_knowledge_csv(&self, account: &Account, bot_id: &str, csv: &str) -> Reply {
        self.import_knowledge_raw(account, bot_id, "text/csv", csv.as_bytes().to_vec()).await
    }

    /// Posts `body` as it is to the bot's knowledge import.
    pub async fn import_knowledge_raw(
        &self,
        account: &Account,
        bot_id: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Reply {
        let path = format!("/bots/{bot_id}/knowledge/import");
        self.request("POST", &path, Some(&account.access), &[("content-type", content_type)], body).await
    }

    /// Imports the dental clinic's knowledge base (`tests/data/kb-dis-klinigi.json`) into a bot.
    pub async fn import_clinic_knowledge(&self, account: &Account, bot_id: &str) {
        let kb: Value = serde_json::from_str(include_str!("../data/kb-dis-klinigi.json")).unwrap();
        let items: Vec<Value> = kb["knowledge"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| serde_json::json!({ "title": k["title"], "question": k["question"], "answer": k["answer"] }))
            .collect();
        self.import_knowledge(account, bot_id, items).await;
    }

    /// Follows `next_cursor` from `path` until the end, returning every item.
    pub async fn collect_pages(&self, path: &str, token: &str) -> Vec<Value> {
        let mut out = Vec::new();
        let mut cursor: Option<String> = None;
        let sep = if path.contains('?') { '&' } else { '?' };
        for _ in 0..1000 {
            let url = match &cursor {
                Some(c) => format!("{path}{sep}cursor={c}"),
                None => path.to_string(),
            };
            let page = self.get(&url, token).await;
            assert_eq!(page.status, 200, "{url}: {}", page.text);
            out.extend(page.body["items"].as_array().cloned().unwrap_or_default());
            match page.body["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_string()),
                None => return out,
            }
        }
        panic!("pagination did not end");
    }

    /// A web-widget conversation with `messages` visitor messages, created through the store as
    /// the public chat API does.
    pub async fn conversation_with(
        &self,
        account: &Account,
        bot_id: &str,
        visitor: &str,
        messages: &[&str],
    ) -> shared::store::conversations::Conversation {
        use shared::store::conversations::{self, Message, Sender, Source};
        let (mut conversation, _) = conversations::find_or_create(
            &self.state,
            &account.tenant_id,
            &bot_id.into(),
            Source::WebWidget,
            visitor,
            None,
        )
        .await
        .unwrap();
        for text in messages {
            let message = Message::new(&conversation.id, Sender::User, *text);
            conversation = conversations::append(&self.state, &conversation, &message).await.unwrap();
        }
        conversation
    }

    /// A lead saved as the public lead form does.
    pub async fn lead_with(
        &self,
        account: &Account,
        bot_id: &str,
        name: &str,
        email: Option<&str>,
        phone: Option<&str>,
        conversation_id: Option<&str>,
    ) -> shared::store::leads::Lead {
        use shared::store::leads::{self, LeadInput, LeadSource};
        let input = LeadInput {
            bot_id: bot_id.into(),
            bot_name: "bot".into(),
            conversation_id: conversation_id.map(Into::into),
            name: name.into(),
            email: email.map(str::to_owned),
            phone: phone.map(|p| shared::domain::PhoneE164::parse(p).expect("a valid test phone")),
            note: None,
            source: LeadSource::WebWidget,
        };
        leads::upsert(&self.state, &account.tenant_id, input).await.unwrap().0
    }
}

/// A model stand-in (an OpenAI-compatible chat completions endpoint) that answers each request
/// with the next scripted message, then "Tamam.".
pub struct Script(std::sync::Mutex<std::collections::VecDeque<Value>>);

impl Script {
    pub fn new(messages: impl IntoIterator<Item = Value>) -> Self {
        Self(std::sync::Mutex::new(messages.into_iter().collect()))
    }
}

impl wiremock::Respond for Script {
    fn respond(&self, _: &wiremock::Request) -> wiremock::ResponseTemplate {
        let next =
            self.0.lock().unwrap().pop_front().unwrap_or(serde_json::json!({ "content": "Tamam.\n[sources: none]" }));
        wiremock::ResponseTemplate::new(200).set_body_json(serde_json::json!({ "choices": [{ "message": next }] }))
    }
}

/// A scripted model message that calls one tool.
pub fn tool_call(id: &str, name: &str, arguments: Value) -> Value {
    serde_json::json!({ "content": null, "tool_calls": [
        { "id": id, "type": "function", "function": { "name": name, "arguments": arguments.to_string() } } ] })
}

/// The chat completion requests the model stand-in received, as JSON.
pub async fn model_requests(server: &wiremock::MockServer) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path() == "/v1/chat/completions")
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}
