//! What a tenant's bots may spend: a monthly budget per channel (the widget and WhatsApp apart,
//! so anonymous visitors cannot silence the WhatsApp bot), answers per conversation per day,
//! and the owner told by mail at 80 % and 100 % of a budget.

use serde::Serialize;

use crate::copy::Language;
use crate::mail::{self, Notice};
use crate::state::AppState;
use crate::store::bots::Bot;
use crate::store::conversations::Conversation;

/// Where an answer is spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// The website widget and the dashboard's test panel.
    Widget,
    Whatsapp,
}

impl Channel {
    /// The usage item's attribute.
    pub fn attribute(self) -> &'static str {
        match self {
            Self::Widget => "widget",
            Self::Whatsapp => "whatsapp",
        }
    }

    pub fn limit(self, state: &AppState) -> u64 {
        match self {
            Self::Widget => state.config.monthly_widget_quota,
            Self::Whatsapp => state.config.monthly_whatsapp_quota,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Widget => "Web",
            Self::Whatsapp => "WhatsApp",
        }
    }
}

/// The current month, `YYYY-MM` (UTC), and the seconds until the next one starts.
pub fn month_now() -> (String, u64) {
    let now = crate::ids::now();
    let (year, month) = if now.month() == time::Month::December {
        (now.year() + 1, time::Month::January)
    } else {
        (now.year(), now.month().next())
    };
    let next = time::Date::from_calendar_date(year, month, 1).map(|d| d.midnight().assume_utc()).unwrap_or(now);
    (format!("{:04}-{:02}", now.year(), now.month() as u8), (next - now).whole_seconds().max(1) as u64)
}

/// The thresholds the owner is told about, as the count that reaches them (100 % first: on a
/// tiny budget both fall on one count, and the mail says it is used up).
fn thresholds(limit: u64) -> [(u8, u64); 2] {
    [(100, limit), (80, (limit * 80).div_ceil(100).max(1))]
}

/// Counts one answer on `channel`; `Err(retry_after_secs)` when its budget is used up. The
/// answer that reaches 80 % or 100 % mails the tenant's owner: each count is reached by
/// exactly one answer, so each mail goes once.
pub async fn spend(state: &AppState, bot: &Bot, channel: Channel) -> anyhow::Result<Result<(), u64>> {
    let (month, retry_after) = month_now();
    let limit = channel.limit(state);
    let Some(used) =
        crate::store::counters::count_usage(state, &bot.tenant_id, &month, channel.attribute(), limit).await?
    else {
        return Ok(Err(retry_after));
    };
    if let Some((percent, _)) = thresholds(limit).into_iter().find(|(_, at)| *at == used) {
        tracing::warn!(tenant_id = %bot.tenant_id, channel = channel.attribute(), percent, "a monthly budget crossed a threshold");
        warn_owner(state, &bot.tenant_id, channel, percent, used, limit).await;
    }
    Ok(Ok(()))
}

async fn warn_owner(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    channel: Channel,
    percent: u8,
    used: u64,
    limit: u64,
) {
    let tenant = match crate::store::tenants::by_id(state, tenant_id).await {
        Ok(t) => t,
        Err(err) => {
            tracing::error!(error = %format!("{err:#}"), "the tenant to warn could not be read");
            return;
        }
    };
    let Some((to, language)) = tenant.and_then(|t| Some((t.notify_email?, t.notify_language.unwrap_or(Language::Tr))))
    else {
        tracing::warn!("the tenant has no notice address; the usage warning is not mailed");
        return;
    };
    let notice = Notice::Usage {
        channel: channel.label().into(),
        percent,
        used,
        limit,
        link: mail::link(state, "/dashboard", None),
    };
    mail::notify(state, &to, notice, language).await;
}

/// Whether the conversation may get another answer today (a customer, or a script, in one
/// chat); `Err(seconds until the UTC day ends)` when not. Counted on the conversation item by
/// the write that stores each answer, so it costs no call of its own.
pub fn conversation_allows(state: &AppState, conversation: &Conversation) -> Result<(), u64> {
    let now = crate::ids::now();
    let today = now.date().to_string();
    if conversation.answers_on.as_deref() == Some(today.as_str())
        && conversation.answers_today >= state.config.conversation_daily_answers
    {
        let midnight = (now.date() + time::Duration::days(1)).midnight().assume_utc();
        return Err((midnight - now).whole_seconds().max(1) as u64);
    }
    Ok(())
}

/// This month's use of each channel, for the dashboard.
pub async fn usage(state: &AppState, tenant_id: &crate::ids::TenantId) -> anyhow::Result<serde_json::Value> {
    let (month, _) = month_now();
    let used = crate::store::counters::usage_of(state, tenant_id, &month).await?;
    let entry = |c: Channel| {
        let limit = c.limit(state);
        let n = used.get(c.attribute()).copied().unwrap_or(0);
        serde_json::json!({ "used": n, "limit": limit, "percent": (n * 100).checked_div(limit).unwrap_or(100).min(100) })
    };
    Ok(serde_json::json!({ "month": month, "widget": entry(Channel::Widget), "whatsapp": entry(Channel::Whatsapp) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_reached_by_one_count_each() {
        assert_eq!(thresholds(10), [(100, 10), (80, 8)]);
        assert_eq!(thresholds(3), [(100, 3), (80, 3)]);
        assert_eq!(thresholds(10_001), [(100, 10_001), (80, 8001)]);
    }
}
