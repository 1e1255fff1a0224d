//! A WhatsApp simulator standing in for Meta, so the WhatsApp path runs with no Meta account:
//!
//! - the Graph API calls the product makes (`POST /{version}/{phone_number_id}/messages`,
//!   `GET /{version}/{phone_number_id}`, `GET /{version}/{waba_id}/phone_numbers`): sends are
//!   recorded and get a wamid, then signed `delivered` and `read` statuses are posted back to
//!   the webhook; which token controls which numbers is modelled, so claims can be proven;
//! - Facebook's side of Embedded Signup: a login page (`/signup`) that hands the dashboard a
//!   code, and the code exchange, app subscription and number registration calls;
//! - a page (`/`) where you write as a WhatsApp customer: each message is POSTed to the local
//!   webhook as a Cloud API payload signed with the platform app secret, and the bot's answers
//!   appear in the same thread.

use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hmac::{Hmac, Mac};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::Sha256;

/// The demo's WhatsApp number (its phone_number_id at "Meta").
pub const PHONE_NUMBER_ID: &str = "100000000000001";
pub const DISPLAY_NUMBER: &str = "+90 555 000 00 01";
/// The customer you play on the page.
pub const CUSTOMER_WA_ID: &str = "905321234567";
/// The demo's WhatsApp Business Account and the token that controls it.
pub const BUSINESS_ACCOUNT_ID: &str = "200000000000001";
pub const ACCESS_TOKEN: &str = "local-simulator-access-token-not-a-secret";

/// Which token controls which business account, and the numbers in each: what Meta answers to
/// `GET /{waba_id}/phone_numbers`, so a claim on a number can be proven (or refused) locally.
/// The second business lets you try claiming a number that is not yours.
const ACCOUNTS: &[(&str, &str, &[&str])] = &[
    (ACCESS_TOKEN, BUSINESS_ACCOUNT_ID, &[PHONE_NUMBER_ID]),
    ("local-simulator-other-business-token", "200000000000002", &["100000000000002"]),
];

#[derive(Debug, Clone, Serialize)]
struct Line {
    from: &'static str,
    text: String,
    wamid: String,
    at: String,
    status: Option<String>,
    /// Reply buttons or list rows the business offered (tapping one answers with it).
    choices: Vec<String>,
}

struct Sim {
    webhook_url: String,
    app_secret: String,
    thread: Mutex<Vec<Line>>,
    /// When the customer last wrote (opens the 24-hour window).
    last_customer_message: Mutex<Option<std::time::Instant>>,
    /// Embedded Signup codes handed out and not yet exchanged: code → the business's token.
    signup_codes: Mutex<std::collections::HashMap<String, &'static str>>,
    http: reqwest::Client,
}

pub async fn serve(port: u16, webhook_url: String, app_secret: String) -> anyhow::Result<()> {
    let sim = Arc::new(Sim {
        webhook_url,
        app_secret,
        thread: Mutex::new(Vec::new()),
        last_customer_message: Mutex::new(None),
        signup_codes: Mutex::new(Default::default()),
        http: reqwest::Client::new(),
    });
    let app = Router::new()
        .route("/", get(page))
        .route("/api/thread", get(thread))
        .route("/api/send", post(customer_sends))
        .route("/{version}/{phone_number_id}/messages", post(graph_send))
        .route("/{version}/{phone_number_id}", get(graph_phone))
        .route("/{version}/{phone_number_id}/phone_numbers", get(graph_business_numbers))
        .route("/{version}/{phone_number_id}/message_templates", get(graph_templates))
        .route("/{version}/{phone_number_id}/subscribed_apps", post(graph_subscribe))
        .route("/{version}/{phone_number_id}/register", post(graph_register))
        .route("/{version}/oauth/access_token", get(graph_exchange_code))
        .route("/signup", get(signup_page))
        .route("/signup/finish", post(signup_finish))
        .with_state(sim);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("WhatsApp simulator on http://127.0.0.1:{port}");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

fn now() -> String {
    shared::ids::now_rfc3339()
}

fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

async fn post_webhook(sim: &Sim, payload: Value) -> Result<u16, String> {
    let body = payload.to_string();
    let resp = sim
        .http
        .post(&sim.webhook_url)
        .header("content-type", "application/json")
        .header("x-hub-signature-256", sign(&sim.app_secret, body.as_bytes()))
        .body(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    Ok(resp.status().as_u16())
}

fn envelope(value: Value) -> Value {
    json!({
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "200000000000001",
            "changes": [{ "field": "messages", "value": value }]
        }]
    })
}

#[derive(Deserialize)]
struct CustomerText {
    text: String,
    /// Set when the customer tapped a reply button (rather than typed).
    #[serde(default)]
    tapped: bool,
}

/// The page's customer writes: a signed inbound text payload to the webhook.
async fn customer_sends(State(sim): State<Arc<Sim>>, Json(input): Json<CustomerText>) -> Response {
    let wamid = format!("wamid.SIM{}", shared::ids::new_id().to_uppercase());
    let mut message =
        json!({ "from": CUSTOMER_WA_ID, "id": wamid, "timestamp": shared::ids::epoch_secs().to_string() });
    if input.tapped {
        message["type"] = json!("interactive");
        message["interactive"] =
            json!({ "type": "button_reply", "button_reply": { "id": "choice", "title": input.text } });
    } else {
        message["type"] = json!("text");
        message["text"] = json!({ "body": input.text });
    }
    let payload = envelope(json!({
        "messaging_product": "whatsapp",
        "metadata": { "display_phone_number": DISPLAY_NUMBER.replace([' ', '+'], ""), "phone_number_id": PHONE_NUMBER_ID },
        "contacts": [{ "profile": { "name": "Simülatör Müşteri" }, "wa_id": CUSTOMER_WA_ID }],
        "messages": [message]
    }));
    *sim.last_customer_message.lock().unwrap() = Some(std::time::Instant::now());
    sim.thread.lock().unwrap().push(Line {
        from: "customer",
        text: input.text,
        wamid,
        at: now(),
        status: None,
        choices: vec![],
    });
    match post_webhook(&sim, payload).await {
        Ok(status) => (StatusCode::OK, Json(json!({ "webhook_status": status }))).into_response(),
        Err(e) => (StatusCode::BAD_GATEWAY, Json(json!({ "error": e }))).into_response(),
    }
}

async fn thread(State(sim): State<Arc<Sim>>) -> Json<Vec<Line>> {
    Json(sim.thread.lock().unwrap().clone())
}

/// Meta's `POST /{phone_number_id}/messages`: a text send, or a read receipt + typing.
async fn graph_send(
    State(sim): State<Arc<Sim>>,
    Path((_version, phone_number_id)): Path<(String, String)>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if !headers.get("authorization").and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("Bearer ")) {
        let error =
            json!({ "error": { "message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190 } });
        return (StatusCode::UNAUTHORIZED, Json(error)).into_response();
    }
    if body["status"] == "read" {
        return Json(json!({ "success": true })).into_response();
    }
    if body["type"] != "template" {
        let last_customer = sim.last_customer_message.lock().unwrap().map(|at| at.elapsed().as_secs() as i64);
        if last_customer.is_none_or(|secs| secs >= window_secs()) {
            let error = json!({ "error": { "message": "Re-engagement message", "type": "OAuthException", "code": 131047,
                "error_data": { "details": "More than 24 hours have passed since the recipient last replied to the sender number." } } });
            return (StatusCode::BAD_REQUEST, Json(error)).into_response();
        }
    }
    let to = body["to"].as_str().unwrap_or_default().to_string();
    let (text, choices) = match body["type"].as_str() {
        Some("template") => {
            let params: Vec<String> = body["template"]["components"][0]["parameters"]
                .as_array()
                .map(|a| a.iter().filter_map(|p| p["text"].as_str().map(str::to_owned)).collect())
                .unwrap_or_default();
            (
                format!("[şablon {}] {}", body["template"]["name"].as_str().unwrap_or_default(), params.join(" · ")),
                vec![],
            )
        }
        Some("interactive") => {
            let interactive = &body["interactive"];
            let titles = |items: &Value, path: &[&str]| -> Vec<String> {
                items
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|i| path.iter().try_fold(i, |v, k| v.get(*k)).and_then(Value::as_str))
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let choices = match interactive["type"].as_str() {
                Some("button") => titles(&interactive["action"]["buttons"], &["reply", "title"]),
                // A tapped row sends back its description (the whole choice) when it has one.
                _ => titles(&interactive["action"]["sections"][0]["rows"], &["description"]),
            };
            (interactive["body"]["text"].as_str().unwrap_or_default().to_string(), choices)
        }
        _ => (body["text"]["body"].as_str().unwrap_or_default().to_string(), vec![]),
    };
    let wamid = format!("wamid.SIMOUT{}", shared::ids::new_id().to_uppercase());
    sim.thread.lock().unwrap().push(Line {
        from: "business",
        text,
        wamid: wamid.clone(),
        at: now(),
        status: Some("sent".into()),
        choices,
    });
    let statuses = sim.clone();
    let (out_id, recipient) = (wamid.clone(), to.clone());
    tokio::spawn(async move {
        for (delay, status) in [(300, "delivered"), (900, "read")] {
            tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
            let payload = envelope(json!({
                "messaging_product": "whatsapp",
                "metadata": { "display_phone_number": DISPLAY_NUMBER.replace([' ', '+'], ""), "phone_number_id": phone_number_id },
                "statuses": [{
                    "id": out_id,
                    "status": status,
                    "timestamp": shared::ids::epoch_secs().to_string(),
                    "recipient_id": recipient,
                }]
            }));
            if let Some(line) = statuses.thread.lock().unwrap().iter_mut().find(|l| l.wamid == out_id) {
                line.status = Some(status.into());
            }
            if let Err(e) = post_webhook(&statuses, payload).await {
                tracing::warn!(error = %e, "posting a status to the webhook");
            }
        }
    });
    Json(json!({
        "messaging_product": "whatsapp",
        "contacts": [{ "input": to, "wa_id": to }],
        "messages": [{ "id": wamid }]
    }))
    .into_response()
}

/// Meta's `GET /{phone_number_id}`: what the connection test shows.
async fn graph_phone(Path((_version, phone_number_id)): Path<(String, String)>) -> Json<Value> {
    Json(json!({
        "id": phone_number_id,
        "display_phone_number": DISPLAY_NUMBER,
        "verified_name": "SvontAi Simülatör",
        "quality_rating": "GREEN"
    }))
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get("authorization")?.to_str().ok()?.strip_prefix("Bearer ")
}

/// Meta's `GET /{waba_id}/phone_numbers`, answered from [`ACCOUNTS`]: an unknown token is
/// refused (190), a known one sees only its own business account (else 100, as Meta answers).
async fn graph_business_numbers(Path((_version, waba_id)): Path<(String, String)>, headers: HeaderMap) -> Response {
    graph_numbers_answer(&waba_id, bearer(&headers))
}

fn graph_numbers_answer(waba_id: &str, token: Option<&str>) -> Response {
    let Some((_, _, numbers)) = ACCOUNTS.iter().find(|(t, _, _)| Some(*t) == token) else {
        let error =
            json!({ "error": { "message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190 } });
        return (StatusCode::UNAUTHORIZED, Json(error)).into_response();
    };
    if !ACCOUNTS.iter().any(|(t, w, _)| Some(*t) == token && *w == waba_id) {
        let error = json!({ "error": {
            "message": format!("Unsupported get request. Object with ID '{waba_id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation."),
            "type": "GraphMethodException", "code": 100 } });
        return (StatusCode::BAD_REQUEST, Json(error)).into_response();
    }
    let data: Vec<Value> = numbers
        .iter()
        .map(|id| json!({ "id": id, "display_phone_number": DISPLAY_NUMBER, "verified_name": "SvontAi Simülatör" }))
        .collect();
    Json(json!({ "data": data })).into_response()
}

/// Only the Graph lookups a claim needs, on a loopback port of its own: `seed` proves the demo
/// number with it before the simulator runs. Returns the Graph base URL.
pub async fn serve_graph_lookups() -> anyhow::Result<String> {
    let app = Router::new().route(
        "/{version}/{phone_number_id}/phone_numbers",
        get(|Path((_v, waba_id)): Path<(String, String)>, headers: HeaderMap| async move {
            graph_numbers_answer(&waba_id, bearer(&headers))
        }),
    );
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let base = format!("http://{}/v23.0", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(base)
}

/// Meta's `GET /{waba_id}/message_templates`: the demo business's templates, one of them still
/// pending review (the product offers only approved ones).
async fn graph_templates(Path((_version, waba_id)): Path<(String, String)>, headers: HeaderMap) -> Response {
    if bearer(&headers) != Some(ACCESS_TOKEN) || waba_id != BUSINESS_ACCOUNT_ID {
        return graph_numbers_answer(&waba_id, bearer(&headers));
    }
    Json(json!({ "data": [
        { "name": "randevu_hatirlatma", "language": "tr", "status": "APPROVED", "category": "UTILITY", "components": [
            { "type": "BODY", "text": "Merhaba {{1}}, {{2}} tarihli randevunuzu hatırlatırız. Değişiklik için bu mesajı yanıtlayabilirsiniz." } ] },
        { "name": "geri_donus", "language": "tr", "status": "APPROVED", "category": "UTILITY", "components": [
            { "type": "HEADER", "format": "TEXT", "text": "Gülümse Diş Kliniği" },
            { "type": "BODY", "text": "Merhaba {{1}}, sorunuzla ilgili size dönmek istedik. Uygun olduğunuzda buradan yazabilirsiniz." } ] },
        { "name": "kampanya_aralik", "language": "tr", "status": "PENDING", "category": "MARKETING", "components": [
            { "type": "BODY", "text": "Aralık'a özel diş beyazlatmada %20 indirim!" } ] }
    ] }))
    .into_response()
}

/// The customer-service window as Meta enforces it: free-form messages only within this long
/// after the customer's last message (`SIMULATOR_WINDOW_SECS` shortens it to try templates).
fn window_secs() -> i64 {
    std::env::var("SIMULATOR_WINDOW_SECS").ok().and_then(|v| v.parse().ok()).unwrap_or(24 * 3600)
}

/// The platform app's id at "Meta" (what `META_APP_ID` is set to locally).
pub const APP_ID: &str = "100000000000999";

/// Which business a token controls, if any.
fn business_of(token: Option<&str>) -> Option<&'static (&'static str, &'static str, &'static [&'static str])> {
    ACCOUNTS.iter().find(|(t, _, _)| Some(*t) == token)
}

fn graph_error(status: StatusCode, code: i64, message: &str) -> Response {
    (status, Json(json!({ "error": { "message": message, "type": "OAuthException", "code": code } }))).into_response()
}

/// Facebook Login for Business, as the dashboard opens it for Embedded Signup: pick the
/// business account and number to connect. "Continue" posts Facebook's
/// `WA_EMBEDDED_SIGNUP` FINISH message (with the code) to the dashboard window that opened it.
async fn signup_page() -> Html<String> {
    let options: String = ACCOUNTS
        .iter()
        .map(|(_, waba, phones)| {
            let phone = phones[0];
            format!(r#"<label><input type="radio" name="choice" value="{waba}|{phone}"> İşletme hesabı {waba} · numara {phone}</label>"#)
        })
        .collect();
    Html(SIGNUP_PAGE.replace("{options}", &options))
}

#[derive(Deserialize)]
struct SignupChoice {
    waba_id: String,
}

/// The code Facebook would hand the dashboard for the chosen business (single use).
async fn signup_finish(State(sim): State<Arc<Sim>>, Json(choice): Json<SignupChoice>) -> Response {
    let Some((token, _, _)) = ACCOUNTS.iter().find(|(_, waba, _)| *waba == choice.waba_id) else {
        return graph_error(StatusCode::BAD_REQUEST, 100, "Unknown business account");
    };
    let code = format!("sim-code-{}", shared::ids::random_token(18));
    sim.signup_codes.lock().unwrap().insert(code.clone(), token);
    Json(json!({ "code": code })).into_response()
}

#[derive(Deserialize)]
struct CodeExchange {
    client_id: String,
    client_secret: String,
    code: String,
}

/// Meta's `GET /oauth/access_token`: the platform app (its id and secret) exchanges a code once.
async fn graph_exchange_code(State(sim): State<Arc<Sim>>, Query(q): Query<CodeExchange>) -> Response {
    let app_id = std::env::var("META_APP_ID").unwrap_or_else(|_| APP_ID.into());
    if q.client_id != app_id || q.client_secret != sim.app_secret {
        return graph_error(
            StatusCode::BAD_REQUEST,
            101,
            "Error validating application. Invalid application ID or secret.",
        );
    }
    match sim.signup_codes.lock().unwrap().remove(&q.code) {
        Some(token) => Json(json!({ "access_token": token, "token_type": "bearer" })).into_response(),
        None => graph_error(StatusCode::BAD_REQUEST, 100, "Invalid verification code format or code already used."),
    }
}

/// Meta's `POST /{waba_id}/subscribed_apps`, for a token that controls the account.
async fn graph_subscribe(Path((_version, waba_id)): Path<(String, String)>, headers: HeaderMap) -> Response {
    match business_of(bearer(&headers)) {
        Some((_, waba, _)) if *waba == waba_id => Json(json!({ "success": true })).into_response(),
        Some(_) => graph_error(StatusCode::BAD_REQUEST, 100, "Unsupported post request."),
        None => graph_error(StatusCode::UNAUTHORIZED, 190, "Invalid OAuth access token."),
    }
}

/// Meta's `POST /{phone_number_id}/register` (a six-digit PIN), for a token that controls it.
async fn graph_register(
    Path((_version, phone_number_id)): Path<(String, String)>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    let pin_ok = body["pin"].as_str().is_some_and(|p| p.len() == 6 && p.bytes().all(|b| b.is_ascii_digit()));
    match business_of(bearer(&headers)) {
        Some((_, _, phones)) if phones.contains(&phone_number_id.as_str()) && pin_ok => {
            Json(json!({ "success": true })).into_response()
        }
        Some(_) => graph_error(StatusCode::BAD_REQUEST, 100, "Invalid parameter"),
        None => graph_error(StatusCode::UNAUTHORIZED, 190, "Invalid OAuth access token."),
    }
}

const SIGNUP_PAGE: &str = r#"<!doctype html>
<html lang="tr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Facebook ile giriş (simülatör)</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f0f2f5}main{max-width:420px;margin:40px auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 3px #0003}
h1{font-size:20px;color:#1877f2}label{display:block;padding:8px;border:1px solid #ddd;border-radius:6px;margin:8px 0}button{background:#1877f2;color:#fff;border:0;border-radius:6px;padding:10px 16px;font-weight:600}</style></head>
<body><main><h1>Facebook ile giriş</h1><p>Yerel simülatör: Meta'nın Embedded Signup akışının yerine geçer. Bağlanacak WhatsApp numarasını seçin.</p>
<form id="f">{options}<button>Devam</button></form></main>
<script>
const origin=new URLSearchParams(location.search).get('origin');
document.querySelector('input[name=choice]').checked=true;
document.getElementById('f').onsubmit=async e=>{e.preventDefault();
  const [waba_id,phone_number_id]=new FormData(e.target).get('choice').split('|');
  const {code}=await (await fetch('/signup/finish',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({waba_id})})).json();
  window.opener.postMessage(JSON.stringify({type:'WA_EMBEDDED_SIGNUP',event:'FINISH',data:{phone_number_id,waba_id,code}}),origin);
  window.close();};
</script></body></html>"#;

async fn page() -> Html<&'static str> {
    Html(PAGE)
}

const PAGE: &str = r#"<!doctype html>
<html lang="tr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>WhatsApp simülatörü · SvontAi</title>
<style>
body{margin:0;font:15px/1.4 system-ui,sans-serif;background:#e5ddd5;display:flex;justify-content:center}
main{width:100%;max-width:480px;height:100vh;display:flex;flex-direction:column;background:#efeae2}
header{background:#075e54;color:#fff;padding:12px 16px}
header small{display:block;opacity:.8}
#thread{flex:1;overflow:auto;padding:12px;display:flex;flex-direction:column;gap:6px}
.m{max-width:80%;padding:6px 10px;border-radius:8px;white-space:pre-wrap;box-shadow:0 1px 1px #0002}
.customer{align-self:flex-end;background:#d9fdd3}.business{align-self:flex-start;background:#fff}
.meta{font-size:11px;color:#667;text-align:right}
form{display:flex;gap:8px;padding:8px;background:#f0f2f5}
input{flex:1;padding:10px;border-radius:20px;border:1px solid #ccc}
button{background:#00a884;color:#fff;border:0;border-radius:20px;padding:0 16px}
.choices{display:flex;flex-direction:column;gap:4px;margin-top:6px}
.choices button{background:#fff;color:#00a884;border:1px solid #d1d7db;border-radius:8px;padding:6px}
</style></head>
<body><main>
<header><strong>Gülümse Diş Kliniği</strong><small>WhatsApp simülatörü: siz müşterisiniz, yanıtlar bottan gelir</small></header>
<div id="thread" aria-live="polite"></div>
<form id="f"><label for="t" hidden>Mesaj</label><input id="t" autocomplete="off" placeholder="Bir mesaj yazın" required><button>Gönder</button></form>
</main>
<script>
const thread=document.getElementById('thread');
async function refresh(){
  const lines=await (await fetch('/api/thread')).json();
  thread.replaceChildren(...lines.map(l=>{const d=document.createElement('div');d.className='m '+l.from;
    d.textContent=l.text;const m=document.createElement('div');m.className='meta';
    m.textContent=new Date(l.at).toLocaleTimeString()+(l.status?' · '+l.status:'');d.append(m);
    if(l.choices.length){const c=document.createElement('div');c.className='choices';
      for(const choice of l.choices){const b=document.createElement('button');b.type='button';b.textContent=choice;
        b.onclick=()=>send(choice,true);c.append(b);}d.append(c);}
    return d;}));
  thread.scrollTop=thread.scrollHeight;
}
async function send(text,tapped){
  await fetch('/api/send',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({text,tapped})});refresh();}
document.getElementById('f').onsubmit=async e=>{e.preventDefault();const t=document.getElementById('t');
  const text=t.value.trim();if(!text)return;t.value='';send(text,false);};
refresh();setInterval(refresh,1500);
</script></body></html>"#;
