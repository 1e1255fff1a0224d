//! The numbers that matter, per day, bot and channel: counters and small histograms written in
//! the same transaction as what they count, so a report is one query of a few hundred items and
//! equals a recount of the data.
//!
//! Conversations, the share answered without a person and time to resolve are counted on the
//! day the conversation began; messages, handoffs, gaps, answers and response times on the
//! day they happened.

use std::collections::BTreeMap;

use aws_sdk_dynamodb::types::{TransactWriteItem, Update};
use serde::Serialize;

use super::{Item, key_map, n, s};
use crate::ids::{BotId, TenantId};
use crate::keys;
use crate::state::AppState;

/// A counter of the metrics item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Conversations begun.
    Conversations,
    /// Conversations a person took part in (counted once, on the day the conversation began).
    WithPerson,
    /// Customer messages.
    CustomerMessages,
    /// Bot replies.
    BotMessages,
    /// Operator replies.
    OperatorMessages,
    /// Bot replies that could not answer (a knowledge gap; not a handoff).
    Gaps,
    /// Conversations handed to a person.
    Handoffs,
    /// Conversations resolved (on the day they began).
    Resolved,
    Leads,
    /// Appointments the assistant booked.
    Appointments,
}

impl Metric {
    pub const ALL: [Metric; 10] = [
        Metric::Conversations,
        Metric::WithPerson,
        Metric::CustomerMessages,
        Metric::BotMessages,
        Metric::OperatorMessages,
        Metric::Gaps,
        Metric::Handoffs,
        Metric::Resolved,
        Metric::Leads,
        Metric::Appointments,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Metric::Conversations => "conversations",
            Metric::WithPerson => "with_person",
            Metric::CustomerMessages => "customer_messages",
            Metric::BotMessages => "bot_messages",
            Metric::OperatorMessages => "operator_messages",
            Metric::Gaps => "gaps",
            Metric::Handoffs => "handoffs",
            Metric::Resolved => "resolved",
            Metric::Leads => "leads",
            Metric::Appointments => "appointments",
        }
    }
}

/// A duration measured on write, kept as counts per bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    /// The customer's first message to the bot's first reply.
    BotFirstResponse,
    /// A handoff to the first reply of a person.
    HumanFirstResponse,
    /// A conversation's beginning (or reopening) to its resolution.
    TimeToResolve,
}

impl Timing {
    pub const ALL: [Timing; 3] = [Timing::BotFirstResponse, Timing::HumanFirstResponse, Timing::TimeToResolve];

    pub fn name(self) -> &'static str {
        match self {
            Timing::BotFirstResponse => "bot_first_response",
            Timing::HumanFirstResponse => "human_first_response",
            Timing::TimeToResolve => "time_to_resolve",
        }
    }
}

/// Upper edges of the buckets, in seconds (the last bucket is everything longer).
pub const BUCKETS: [i64; 14] =
    [2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 3 * 3600, 8 * 3600, 24 * 3600, 7 * 24 * 3600];

fn bucket_of(seconds: i64) -> usize {
    BUCKETS.iter().position(|edge| seconds <= *edge).unwrap_or(BUCKETS.len())
}

/// What one write adds to a day, bot and channel.
#[derive(Debug, Clone, Default)]
pub struct Delta {
    pub counts: Vec<(Metric, i64)>,
    pub timings: Vec<(Timing, i64)>,
}

impl Delta {
    pub fn count(metric: Metric) -> Self {
        Self { counts: vec![(metric, 1)], timings: vec![] }
    }
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty() && self.timings.is_empty()
    }
}

/// The transaction item adding `delta` to the day, bot and channel (`channel`: `whatsapp`,
/// `web_widget`).
pub fn add(
    table: &str,
    tenant_id: &TenantId,
    day: &str,
    bot_id: &BotId,
    channel: &str,
    delta: &Delta,
) -> TransactWriteItem {
    let mut parts = Vec::new();
    let mut update =
        Update::builder().table_name(table).set_key(Some(key_map(&keys::metrics(tenant_id, day, bot_id, channel))));
    for (i, (metric, by)) in delta.counts.iter().enumerate() {
        parts.push(format!("#c{i} :c{i}"));
        update = update
            .expression_attribute_names(format!("#c{i}"), metric.name())
            .expression_attribute_values(format!(":c{i}"), n(by));
    }
    for (i, (timing, seconds)) in delta.timings.iter().enumerate() {
        let seconds = (*seconds).max(0);
        parts.push(format!("#t{i} :one, #ts{i} :ts{i}"));
        update = update
            .expression_attribute_names(format!("#t{i}"), format!("{}_b{}", timing.name(), bucket_of(seconds)))
            .expression_attribute_names(format!("#ts{i}"), format!("{}_sum", timing.name()))
            .expression_attribute_values(format!(":ts{i}"), n(seconds));
    }
    if !delta.timings.is_empty() {
        update = update.expression_attribute_values(":one", n(1));
    }
    let update = update
        .update_expression(format!(
            "ADD {} SET #type = :type, #day = :day, bot_id = :bot, channel = :channel",
            parts.join(", ")
        ))
        .expression_attribute_names("#type", keys::TYPE)
        .expression_attribute_names("#day", "day")
        .expression_attribute_values(":type", s("metrics"))
        .expression_attribute_values(":day", s(day))
        .expression_attribute_values(":bot", s(bot_id))
        .expression_attribute_values(":channel", s(channel))
        .build()
        .expect("complete");
    TransactWriteItem::builder().update(update).build()
}

/// Seconds from one RFC 3339 time to another (0 when either does not parse).
pub fn seconds_between(from: &str, to: &str) -> i64 {
    use time::format_description::well_known::Rfc3339;
    match (time::OffsetDateTime::parse(from, &Rfc3339), time::OffsetDateTime::parse(to, &Rfc3339)) {
        (Ok(a), Ok(b)) => (b - a).whole_seconds(),
        _ => 0,
    }
}

/// A histogram as read back: counts per bucket.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Histogram {
    pub buckets: [u64; BUCKETS.len() + 1],
    pub sum_seconds: u64,
}

impl Histogram {
    pub fn count(&self) -> u64 {
        self.buckets.iter().sum()
    }

    fn merge(&mut self, other: &Histogram) {
        for (a, b) in self.buckets.iter_mut().zip(other.buckets.iter()) {
            *a += b;
        }
        self.sum_seconds += other.sum_seconds;
    }

    /// The `p`-quantile (0 < p ≤ 1), as the upper edge of the bucket it falls in (`None`: no
    /// data; past the last edge: the last edge).
    pub fn quantile(&self, p: f64) -> Option<i64> {
        let total = self.count();
        if total == 0 {
            return None;
        }
        let rank = (p * total as f64).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (i, count) in self.buckets.iter().enumerate() {
            seen += count;
            if seen >= rank {
                return Some(BUCKETS[i.min(BUCKETS.len() - 1)]);
            }
        }
        BUCKETS.last().copied()
    }
}

/// One day, bot and channel, as stored.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub day: String,
    pub bot_id: String,
    pub channel: String,
    pub counts: BTreeMap<&'static str, i64>,
    pub timings: BTreeMap<&'static str, Histogram>,
}

impl Row {
    fn from_item(item: &Item) -> Row {
        let text = |name: &str| item.get(name).and_then(|v| v.as_s().ok()).cloned().unwrap_or_default();
        let number =
            |name: &str| item.get(name).and_then(|v| v.as_n().ok()).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        let mut row = Row { day: text("day"), bot_id: text("bot_id"), channel: text("channel"), ..Row::default() };
        for metric in Metric::ALL {
            row.counts.insert(metric.name(), number(metric.name()));
        }
        for timing in Timing::ALL {
            let mut h = Histogram::default();
            for (i, slot) in h.buckets.iter_mut().enumerate() {
                *slot = number(&format!("{}_b{i}", timing.name())).max(0) as u64;
            }
            h.sum_seconds = number(&format!("{}_sum", timing.name())).max(0) as u64;
            row.timings.insert(timing.name(), h);
        }
        row
    }

    /// Adds `other`'s numbers to this row's.
    pub fn merge(&mut self, other: &Row) {
        for (name, v) in &other.counts {
            *self.counts.entry(name).or_default() += v;
        }
        for (name, h) in &other.timings {
            self.timings.entry(name).or_default().merge(h);
        }
    }

    pub fn get(&self, metric: Metric) -> i64 {
        self.counts.get(metric.name()).copied().unwrap_or(0)
    }

    pub fn timing(&self, timing: Timing) -> Histogram {
        self.timings.get(timing.name()).cloned().unwrap_or_default()
    }
}

/// Every row from `from` to `to` (inclusive days, `YYYY-MM-DD`): one query, in day order.
pub async fn rows(state: &AppState, tenant_id: &TenantId, from: &str, to: &str) -> anyhow::Result<Vec<Row>> {
    let items = super::page::query_all(|| {
        super::partition_between(state, keys::metrics_pk(tenant_id), format!("{from}#"), format!("{to}#~"))
    })
    .await?;
    Ok(items.iter().map(Row::from_item).collect())
}

/// A report's figures from its rows.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Figures {
    pub conversations: i64,
    pub customer_messages: i64,
    pub bot_messages: i64,
    pub operator_messages: i64,
    /// Of the conversations begun, the share no person took part in (`None`: none begun).
    pub answered_by_bot_share: Option<f64>,
    pub handoffs: i64,
    /// Handoffs per conversation begun.
    pub handoff_rate: Option<f64>,
    pub gaps: i64,
    /// Bot replies that could not answer, per bot reply.
    pub gap_rate: Option<f64>,
    pub bot_first_response: Timings,
    pub human_first_response: Timings,
    pub time_to_resolve: Timings,
    pub resolved: i64,
    pub leads: i64,
    pub appointments: i64,
}

/// A duration's median and 90th percentile (the upper edge of the bucket each falls in).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Timings {
    pub count: u64,
    pub median_seconds: Option<i64>,
    pub p90_seconds: Option<i64>,
    pub mean_seconds: Option<i64>,
}

impl From<&Histogram> for Timings {
    fn from(h: &Histogram) -> Self {
        let count = h.count();
        Timings {
            count,
            median_seconds: h.quantile(0.5),
            p90_seconds: h.quantile(0.9),
            mean_seconds: (count > 0).then(|| (h.sum_seconds / count) as i64),
        }
    }
}

fn ratio(a: i64, b: i64) -> Option<f64> {
    (b > 0).then(|| ((a as f64 / b as f64) * 1000.0).round() / 1000.0)
}

impl From<&Row> for Figures {
    fn from(r: &Row) -> Self {
        let conversations = r.get(Metric::Conversations);
        Figures {
            conversations,
            customer_messages: r.get(Metric::CustomerMessages),
            bot_messages: r.get(Metric::BotMessages),
            operator_messages: r.get(Metric::OperatorMessages),
            answered_by_bot_share: ratio(conversations - r.get(Metric::WithPerson), conversations),
            handoffs: r.get(Metric::Handoffs),
            handoff_rate: ratio(r.get(Metric::Handoffs), conversations),
            gaps: r.get(Metric::Gaps),
            gap_rate: ratio(r.get(Metric::Gaps), r.get(Metric::BotMessages)),
            bot_first_response: (&r.timing(Timing::BotFirstResponse)).into(),
            human_first_response: (&r.timing(Timing::HumanFirstResponse)).into(),
            time_to_resolve: (&r.timing(Timing::TimeToResolve)).into(),
            resolved: r.get(Metric::Resolved),
            leads: r.get(Metric::Leads),
            appointments: r.get(Metric::Appointments),
        }
    }
}

/// Deletes a deleted bot's numbers (the tenant's report then no longer names it).
pub async fn forget_bot(state: &AppState, tenant_id: &TenantId, bot_id: &BotId) -> anyhow::Result<()> {
    let items = super::page::query_all(|| {
        super::partition(state, keys::metrics_pk(tenant_id))
            .filter_expression("bot_id = :bot")
            .expression_attribute_values(":bot", s(bot_id))
    })
    .await?;
    super::batch::delete_items(state, &items).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn histogram(seconds: &[i64]) -> Histogram {
        let mut h = Histogram::default();
        for s in seconds {
            h.buckets[bucket_of(*s)] += 1;
            h.sum_seconds += *s as u64;
        }
        h
    }

    #[test]
    fn quantiles_are_the_upper_edge_of_their_bucket() {
        assert_eq!(histogram(&[]).quantile(0.5), None);
        let h = histogram(&[1, 1, 3, 4, 20, 45, 90, 200, 400, 5000]);
        assert_eq!(h.quantile(0.5), Some(30), "the 5th of 10 is 20 s, in the bucket up to 30 s");
        assert_eq!(h.quantile(0.9), Some(600), "the 9th is 400 s");
        assert_eq!(h.quantile(1.0), Some(3 * 3600));
        assert_eq!(histogram(&[30 * 24 * 3600]).quantile(0.5), Some(7 * 24 * 3600), "past the last edge");
        let t: Timings = (&h).into();
        assert_eq!((t.count, t.mean_seconds), (10, Some(576)));
    }

    #[test]
    fn seconds_between_reads_rfc3339_and_is_zero_for_nonsense() {
        assert_eq!(seconds_between("2026-11-29T10:00:00Z", "2026-11-29T10:02:05Z"), 125);
        assert_eq!(seconds_between("yesterday", "2026-11-29T10:02:05Z"), 0);
    }
}
