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
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let resp = invoke(
        state.clone(),
        &routes(),
        HttpCall {
            method: method.into(),
            path: path.into(),
            query: query.into(),
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
    demo_calendar(&state, &token, &bot_id).await?;
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

/// The clinic's booking calendar (two dentists, weekdays with a lunch break and Saturday
/// mornings, three services) and a few appointments in the coming days, booked through the API
/// at the first free times so they always land in working hours.
async fn demo_calendar(state: &Arc<AppState>, token: &str, bot_id: &str) -> anyhow::Result<()> {
    let weekday = json!([{ "from": "09:00", "to": "12:30" }, { "from": "13:30", "to": "18:00" }]);
    let hours = json!({
        "mon": weekday, "tue": weekday, "wed": weekday, "thu": weekday, "fri": weekday,
        "sat": [{ "from": "10:00", "to": "14:00" }], "sun": []
    });
    let calendar = call(
        state,
        "PUT",
        &format!("/bots/{bot_id}/calendar"),
        Some(token),
        json!({
            "version": 0,
            "time_zone": "Europe/Istanbul",
            "slot_step_minutes": 15,
            "buffer_minutes": 5,
            "min_notice_minutes": 60,
            "max_days_ahead": 60,
            "resources": [
                { "name": "Dt. Elif Kaya", "hours": hours },
                { "name": "Dt. Murat Aydın", "hours": hours }
            ],
            "services": [
                { "name": "Muayene", "duration_minutes": 20, "price_text": "750 TL", "description": "İlk muayene ve kontrol." },
                { "name": "Diş temizliği", "duration_minutes": 30, "price_text": "1.200 TL" },
                { "name": "Dolgu", "duration_minutes": 45, "price_text": "1.800 TL'den başlayan" }
            ],
            "closures": []
        }),
    )
    .await?;
    let services = calendar["services"].as_array().cloned().unwrap_or_default();
    let today = jiff::Timestamp::now().in_tz("Europe/Istanbul")?.date();
    let customers =
        [("Ayşe Yılmaz", "+905321234567"), ("Mehmet Demir", "+905339876543"), ("Zeynep Şahin", "+905551112233")];
    for (i, (name, phone)) in customers.iter().enumerate() {
        let service = &services[i % services.len().max(1)];
        let from = today.checked_add(jiff::Span::new().days(1 + i as i64))?;
        let to = from.checked_add(jiff::Span::new().days(6))?;
        let slots = call(
            state,
            "GET",
            &format!("/bots/{bot_id}/slots?service_id={}&from={from}&to={to}", service["id"].as_str().unwrap_or("")),
            Some(token),
            Value::Null,
        )
        .await?;
        let Some(slot) = slots["slots"].as_array().and_then(|s| s.get(4 * i)) else { continue };
        call(
            state,
            "POST",
            "/appointments",
            Some(token),
            json!({
                "bot_id": bot_id,
                "service_id": service["id"],
                "resource_id": slot["resource_id"],
                "start": slot["start"],
                "customer": { "name": name, "phone": phone },
            }),
        )
        .await?;
    }
    Ok(())
}

/// The demo bot's knowledge base: a Turkish dental clinic (also the AI evaluation's data).
pub const DEMO_KB: &str = include_str!("../../../tests/data/kb-dis-klinigi.json");
