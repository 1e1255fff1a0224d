//! Demo data for `make dev`, created through the API handlers themselves so that it obeys
//! every rule the API enforces.

use std::sync::Arc;

use serde::Serialize;
use serde_json::{Value, json};

use crate::apigw::{HttpCall, invoke};
use shared::routes::routes;
use shared::state::AppState;

#[derive(Debug, Serialize)]
pub struct Demo {
    pub email: String,
    pub password: String,
    pub tenant_id: String,
    pub bot_id: Option<String>,
    pub bot_public_key: Option<String>,
}

async fn call(
    state: &Arc<AppState>,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Value,
) -> anyhow::Result<Value> {
    let mut headers = vec![("content-type".to_string(), "application/json".to_string())];
    if let Some(t) = token {
        headers.push(("authorization".into(), format!("Bearer {t}")));
    }
    let resp = invoke(
        state.clone(),
        &routes(),
        HttpCall {
            method: method.into(),
            path: path.into(),
            headers,
            body: body.to_string().into_bytes(),
            ..Default::default()
        },
    )
    .await;
    let status = resp.status();
    let json: Value = serde_json::from_slice(resp.body().as_ref()).unwrap_or(Value::Null);
    anyhow::ensure!(status.is_success(), "{method} {path} answered {status}: {json}");
    Ok(json)
}

/// Registers the demo user with their tenant and a bot answering from the dental clinic's
/// knowledge base; with `whatsapp` (phone number id, business account id, access token), the
/// bot is connected to that number (the local WhatsApp simulator's, proven against it).
pub async fn demo(
    state: &AppState,
    email: &str,
    password: &str,
    whatsapp: Option<(&str, &str, &str)>,
) -> anyhow::Result<Demo> {
    let state = Arc::new(state.clone());
    let registered = call(
        &state,
        "POST",
        "/auth/register",
        None,
        json!({ "email": email, "password": password, "full_name": "Demo Kullanıcı", "tenant_name": "Gülümse Diş Kliniği" }),
    )
    .await?;
    let email = registered["email"].as_str().unwrap_or(email).to_string();
    // The demo owner's address counts as verified (it can connect WhatsApp at once): the same
    // link the verification mail carries, redeemed here.
    let user = shared::store::users::by_email(&state, &email).await?.ok_or_else(|| anyhow::anyhow!("the demo user"))?;
    let link = shared::store::mailtokens::issue(
        &state,
        shared::store::mailtokens::Purpose::VerifyEmail,
        &user.id,
        &email,
        None,
        3600,
    )
    .await?;
    call(&state, "POST", "/auth/email/verify", None, json!({ "token": link })).await?;
    let login = call(&state, "POST", "/auth/login", None, json!({ "email": email, "password": password })).await?;
    let token = login["tokens"]["access_token"].as_str().unwrap_or_default().to_string();
    let me = call(&state, "GET", "/me", Some(&token), Value::Null).await?;
    let tenant_id = me["tenants"][0]["id"].as_str().unwrap_or_default().to_string();

    let kb: Value = serde_json::from_str(DEMO_KB).map_err(|e| anyhow::anyhow!("the demo knowledge base: {e}"))?;
    let bot = call(
        &state,
        "POST",
        "/bots",
        Some(&token),
        json!({
            "name": "Gülümse Asistan",
            "description": kb["business"],
            "welcome_message": kb["welcome_message"],
            "language": "tr",
            "primary_color": "#0E7C66",
            "answer_mode": "faq",
        }),
    )
    .await?;
    let bot_id = bot["id"].as_str().unwrap_or_default().to_string();
    let items: Vec<Value> = kb["knowledge"]
        .as_array()
        .map(|a| {
            a.iter().map(|k| json!({ "title": k["title"], "question": k["question"], "answer": k["answer"] })).collect()
        })
        .unwrap_or_default();
    call(&state, "POST", &format!("/bots/{bot_id}/knowledge/import"), Some(&token), json!({ "items": items })).await?;
    if let Some((phone_number_id, business_account_id, access_token)) = whatsapp {
        call(
            &state,
            "PUT",
            &format!("/bots/{bot_id}/whatsapp-integration"),
            Some(&token),
            json!({
                "phone_number_id": phone_number_id,
                "business_account_id": business_account_id,
                "access_token": access_token,
                "webhook_verify_token": "local-verify-token",
            }),
        )
        .await?;
    }
    Ok(Demo {
        email,
        password: password.into(),
        tenant_id,
        bot_public_key: bot["public_key"].as_str().map(str::to_owned),
        bot_id: Some(bot_id),
    })
}

/// The demo bot's knowledge base: a Turkish dental clinic (also the AI evaluation's data).
pub const DEMO_KB: &str = include_str!("../../../tests/data/kb-dis-klinigi.json");
