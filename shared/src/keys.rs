//! Every DynamoDB key of the single table, built in one place.
//! `docs/data-model.md` is the table of access patterns these keys serve.
//!
//! Tenant-owned items all have a partition key starting with `T#{tenant_id}`, so a key built
//! from the caller's tenant can never address another tenant's data.

use crate::ids::{AppointmentId, BotId, ItemId, LeadId, MessageId, ResourceId, TenantId, UserId};

pub const PK: &str = "PK";
pub const SK: &str = "SK";
pub const GSI1: &str = "GSI1";
pub const GSI1PK: &str = "GSI1PK";
pub const GSI1SK: &str = "GSI1SK";
/// The team's inbox: a tenant's conversations by their last customer message, in two
/// partitions (open and resolved).
pub const GSI2: &str = "GSI2";
pub const GSI2PK: &str = "GSI2PK";
pub const GSI2SK: &str = "GSI2SK";
pub const TYPE: &str = "type";
/// Epoch seconds after which an item is dead (DynamoDB TTL attribute).
pub const EXPIRES_AT: &str = "expires_at";

/// Sort-key prefixes that listings read with `begins_with` or a range.
pub const MEMBER_PREFIX: &str = "MEMBER#";
pub const BOT_PREFIX: &str = "BOT#";
pub const KNOWLEDGE_PREFIX: &str = "KB#";
pub const MESSAGE_PREFIX: &str = "MSG#";
pub const LEAD_PREFIX: &str = "LEAD#";
pub const DAY_PREFIX: &str = "DAY#";
pub const APPOINTMENT_PREFIX: &str = "APPT#";
pub const INVITATION_PREFIX: &str = "INVITE#";

// Users and credentials (not tenant-owned).
pub fn user(user_id: &UserId) -> (String, String) {
    (format!("U#{user_id}"), "USER".into())
}
pub fn email(email: &str) -> (String, String) {
    (format!("EMAIL#{email}"), "EMAIL".into())
}
pub fn refresh_family(family_id: &str) -> (String, String) {
    (format!("RT#{family_id}"), "RT".into())
}
/// A single-use e-mail link (reset, verification, e-mail change), by a keyed hash of its token.
pub fn mail_token(token_hash: &str) -> (String, String) {
    (format!("MT#{token_hash}"), "MT".into())
}
pub fn rate_limit(scope: &str, subject: &str, window: i64) -> (String, String) {
    (format!("RL#{scope}#{subject}"), format!("W#{window}"))
}

// Tenants and memberships.
pub fn tenant_pk(tenant_id: &TenantId) -> String {
    format!("T#{tenant_id}")
}
pub fn tenant(tenant_id: &TenantId) -> (String, String) {
    (tenant_pk(tenant_id), "TENANT".into())
}
pub fn membership(tenant_id: &TenantId, user_id: &UserId) -> (String, String) {
    (tenant_pk(tenant_id), format!("{MEMBER_PREFIX}{user_id}"))
}
/// GSI1 of a membership: a user's tenants, oldest tenant first.
pub fn membership_gsi1(user_id: &UserId, tenant_id: &TenantId) -> (String, String) {
    (format!("U#{user_id}"), format!("{MEMBER_PREFIX}{tenant_id}"))
}
pub fn user_memberships_gsi1pk(user_id: &UserId) -> String {
    format!("U#{user_id}")
}

/// A pending invitation to a tenant's team (listed under the tenant).
pub fn invitation(tenant_id: &TenantId, invitation_id: &str) -> (String, String) {
    (tenant_pk(tenant_id), format!("{INVITATION_PREFIX}{invitation_id}"))
}
/// An invitation by a keyed hash of its link's token (what accepting reads).
pub fn invitation_token(token_hash: &str) -> (String, String) {
    (format!("INVITE#{token_hash}"), "INVITE".into())
}

// Bots and everything under them.
pub fn bot(tenant_id: &TenantId, bot_id: &BotId) -> (String, String) {
    (tenant_pk(tenant_id), format!("{BOT_PREFIX}{bot_id}"))
}
/// The partition holding a bot's knowledge, visitor pointers, lead keys, gaps and integration.
pub fn bot_pk(tenant_id: &TenantId, bot_id: &BotId) -> String {
    format!("T#{tenant_id}#B#{bot_id}")
}
/// Public-key lookup: the only way in for the widget (not tenant-owned by design: the key
/// is the unguessable secret that names the tenant).
pub fn bot_key(public_key: &str) -> (String, String) {
    (format!("BOTKEY#{public_key}"), "BOTKEY".into())
}
pub fn knowledge(tenant_id: &TenantId, bot_id: &BotId, item_id: &ItemId) -> (String, String) {
    (bot_pk(tenant_id, bot_id), format!("{KNOWLEDGE_PREFIX}{item_id}"))
}
pub fn visitor(tenant_id: &TenantId, bot_id: &BotId, source: &str, external_user_id: &str) -> (String, String) {
    (bot_pk(tenant_id, bot_id), format!("EXT#{source}#{external_user_id}"))
}
pub fn lead_key(tenant_id: &TenantId, bot_id: &BotId, kind: &str, value: &str) -> (String, String) {
    (bot_pk(tenant_id, bot_id), format!("LEADKEY#{kind}#{value}"))
}
pub fn gap(tenant_id: &TenantId, bot_id: &BotId, gap_id: &str) -> (String, String) {
    (bot_pk(tenant_id, bot_id), format!("GAP#{gap_id}"))
}
/// GSI1 of a knowledge gap: a bot's gaps, most recently asked first.
pub fn gap_gsi1(tenant_id: &TenantId, bot_id: &BotId, asked: &str, gap_id: &str) -> (String, String) {
    (bot_gaps_gsi1pk(tenant_id, bot_id), format!("{asked}#{gap_id}"))
}
pub fn bot_gaps_gsi1pk(tenant_id: &TenantId, bot_id: &BotId) -> String {
    format!("T#{tenant_id}#B#{bot_id}#GAPS")
}

// Conversations and messages: one partition per conversation.
pub fn conversation_pk(tenant_id: &TenantId, conversation_id: &crate::ids::ConversationId) -> String {
    format!("T#{tenant_id}#C#{conversation_id}")
}
pub fn conversation(tenant_id: &TenantId, conversation_id: &crate::ids::ConversationId) -> (String, String) {
    (conversation_pk(tenant_id, conversation_id), "CONV".into())
}
/// GSI1 of a conversation: a bot's conversations by last activity. `activity` is the ULID of
/// the latest message (or of the conversation itself before any): millisecond order, monotonic.
pub fn conversation_gsi1(
    tenant_id: &TenantId,
    bot_id: &BotId,
    activity: &str,
    conversation_id: &crate::ids::ConversationId,
) -> (String, String) {
    (format!("T#{tenant_id}#B#{bot_id}#CONVS"), format!("{activity}#{conversation_id}"))
}
/// GSI2 of a conversation: the tenant's inbox, `open` or `resolved`, by last customer message
/// (`activity`: the ULID of that message, or of the conversation before any).
pub fn conversation_gsi2(
    tenant_id: &TenantId,
    resolved: bool,
    activity: &str,
    conversation_id: &crate::ids::ConversationId,
) -> (String, String) {
    (inbox_gsi2pk(tenant_id, resolved), format!("{activity}#{conversation_id}"))
}
pub fn inbox_gsi2pk(tenant_id: &TenantId, resolved: bool) -> String {
    format!("T#{tenant_id}#INBOX#{}", if resolved { "resolved" } else { "open" })
}
pub const NOTE_PREFIX: &str = "NOTE#";
/// An internal note on a conversation (the team's only), in the conversation's partition.
pub fn note(tenant_id: &TenantId, conversation_id: &crate::ids::ConversationId, note_id: &str) -> (String, String) {
    (conversation_pk(tenant_id, conversation_id), format!("{NOTE_PREFIX}{note_id}"))
}
/// Team notification events (`store::notifications`), in the tenant's partition, named after
/// what raised them; pending ones sit in one GSI1 partition by due time.
pub fn notification(tenant_id: &TenantId, event_id: &str) -> (String, String) {
    (tenant_pk(tenant_id), format!("NOTIFY#{event_id}"))
}
pub const NOTIFICATIONS_PENDING_GSI1PK: &str = "NOTIFY#PENDING";
/// The event raised by a bot's reply that handed its conversation over (or by the customer's
/// message that reopened it).
pub fn handoff_event_id(message_id: &MessageId) -> String {
    format!("handoff-{message_id}")
}
pub fn lead_event_id(lead_id: &crate::ids::LeadId) -> String {
    format!("lead-{lead_id}")
}
pub const NOTIFICATION_PREFERENCES_PREFIX: &str = "PREFS#";
/// A member's notification choices in a tenant.
pub fn notification_preferences(tenant_id: &TenantId, user_id: &crate::ids::UserId) -> (String, String) {
    (tenant_pk(tenant_id), format!("{NOTIFICATION_PREFERENCES_PREFIX}{user_id}"))
}
/// The tenant's notification settings (the wait time).
pub fn notification_settings(tenant_id: &TenantId) -> (String, String) {
    (tenant_pk(tenant_id), "NOTIFY_SETTINGS".into())
}
/// A business's scheduled closing (its deletion after the grace period).
pub fn closing(tenant_id: &TenantId) -> (String, String) {
    (tenant_pk(tenant_id), "CLOSING".into())
}
/// The closings the hourly sweep visits, by the time they are due.
pub const CLOSINGS_LISTED_PK: &str = "CLOSINGS";
pub fn closing_listed(delete_at: &str, tenant_id: &TenantId) -> (String, String) {
    (CLOSINGS_LISTED_PK.into(), format!("{delete_at}#{tenant_id}"))
}
/// A tenant's retention choice.
pub fn retention(tenant_id: &TenantId) -> (String, String) {
    (tenant_pk(tenant_id), "RETENTION".into())
}
/// The tenants the retention sweep visits (those that chose a retention), in one partition.
pub const RETENTION_LISTED_PK: &str = "RETENTION";
pub fn retention_listed(tenant_id: &TenantId) -> (String, String) {
    (RETENTION_LISTED_PK.into(), format!("T#{tenant_id}"))
}
pub const PRIVACY_AUDIT_PREFIX: &str = "AUDIT#";
/// A line of the tenant's privacy log (data subjects' erasures), in ULID order.
pub fn privacy_audit(tenant_id: &TenantId, id: &str) -> (String, String) {
    (tenant_pk(tenant_id), format!("{PRIVACY_AUDIT_PREFIX}{id}"))
}
pub const SAVED_REPLY_PREFIX: &str = "REPLY#";
/// A saved reply, in the tenant's partition.
pub fn saved_reply(tenant_id: &TenantId, reply_id: &str) -> (String, String) {
    (tenant_pk(tenant_id), format!("{SAVED_REPLY_PREFIX}{reply_id}"))
}
/// The guard that keeps a saved reply's shortcut unique in the tenant.
pub fn saved_reply_shortcut(tenant_id: &TenantId, shortcut: &str) -> (String, String) {
    (tenant_pk(tenant_id), format!("REPLYKEY#{shortcut}"))
}
pub fn bot_conversations_gsi1pk(tenant_id: &TenantId, bot_id: &BotId) -> String {
    format!("T#{tenant_id}#B#{bot_id}#CONVS")
}
pub fn message(
    tenant_id: &TenantId,
    conversation_id: &crate::ids::ConversationId,
    message_id: &MessageId,
) -> (String, String) {
    (conversation_pk(tenant_id, conversation_id), format!("{MESSAGE_PREFIX}{message_id}"))
}
/// The contact details a bot's turn collected, kept beside its reply until they are saved as a
/// lead (a retried turn saves them again, idempotently). Not a `MSG#` key: never listed.
pub fn turn_lead(
    tenant_id: &TenantId,
    conversation_id: &crate::ids::ConversationId,
    reply_id: &MessageId,
) -> (String, String) {
    (conversation_pk(tenant_id, conversation_id), format!("TURN#{reply_id}#LEAD"))
}

// Leads: one partition per tenant (newest first by ULID), GSI1 per bot.
pub fn leads_pk(tenant_id: &TenantId) -> String {
    format!("T#{tenant_id}#LEADS")
}
pub fn lead(tenant_id: &TenantId, lead_id: &LeadId) -> (String, String) {
    (leads_pk(tenant_id), format!("{LEAD_PREFIX}{lead_id}"))
}
pub fn lead_gsi1(tenant_id: &TenantId, bot_id: &BotId, lead_id: &LeadId) -> (String, String) {
    (bot_leads_gsi1pk(tenant_id, bot_id), format!("{LEAD_PREFIX}{lead_id}"))
}
pub fn bot_leads_gsi1pk(tenant_id: &TenantId, bot_id: &BotId) -> String {
    format!("T#{tenant_id}#B#{bot_id}#LEADS")
}

// Appointments: one partition per tenant, GSI1 in start order; a bot's calendar and the time
// its bookings hold (one item per resource and 5-minute unit) in the bot partition, so a bot's
// deletion takes them along.
pub fn calendar(tenant_id: &TenantId, bot_id: &BotId) -> (String, String) {
    (bot_pk(tenant_id, bot_id), "CALENDAR".into())
}
pub fn appointments_pk(tenant_id: &TenantId) -> String {
    format!("T#{tenant_id}#APPTS")
}
pub fn appointment(tenant_id: &TenantId, appointment_id: &AppointmentId) -> (String, String) {
    (appointments_pk(tenant_id), format!("{APPOINTMENT_PREFIX}{appointment_id}"))
}
/// GSI1 of an appointment: the tenant's appointments by start (epoch minute, zero-padded).
pub fn appointment_gsi1(tenant_id: &TenantId, start_minute: i64, appointment_id: &AppointmentId) -> (String, String) {
    (appointments_pk(tenant_id), format!("{}#{appointment_id}", appointment_time(start_minute)))
}
/// The start-order sort key's time part, for range bounds.
pub fn appointment_time(start_minute: i64) -> String {
    format!("{:012}", start_minute.max(0))
}
/// An appointment's pointer in the conversation it was booked for ("randevum ne zaman?").
pub fn conversation_appointment(
    tenant_id: &TenantId,
    conversation_id: &crate::ids::ConversationId,
    appointment_id: &AppointmentId,
) -> (String, String) {
    (conversation_pk(tenant_id, conversation_id), format!("{APPOINTMENT_PREFIX}{appointment_id}"))
}
/// A tenant's calendar feed, by a hash of its secret token (the public route's only way in).
pub fn calendar_feed(token_hash: &str) -> (String, String) {
    (format!("CALFEED#{token_hash}"), "CALFEED".into())
}
/// The tenant's current calendar feed (which lookup to remove when it is replaced or revoked).
pub fn tenant_calendar_feed(tenant_id: &TenantId) -> (String, String) {
    (tenant_pk(tenant_id), "CALFEED".into())
}
/// One 5-minute unit of a resource's time, held by one appointment.
pub fn hold(tenant_id: &TenantId, bot_id: &BotId, resource_id: &ResourceId, unit: i64) -> (String, String) {
    (bot_pk(tenant_id, bot_id), format!("HOLD#{resource_id}#{:012}", unit.max(0)))
}

// Counters maintained on write (stats never scan).
pub fn stats(tenant_id: &TenantId) -> (String, String) {
    (tenant_pk(tenant_id), "STATS".into())
}
/// The numbers that matter (`store::metrics`): one partition per tenant, one item per day, bot
/// and channel, in day order.
pub fn metrics_pk(tenant_id: &TenantId) -> String {
    format!("T#{tenant_id}#METRICS")
}
pub fn metrics(tenant_id: &TenantId, day: &str, bot_id: &BotId, channel: &str) -> (String, String) {
    (metrics_pk(tenant_id), format!("{day}#{bot_id}#{channel}"))
}
pub fn stats_day(tenant_id: &TenantId, date: &str) -> (String, String) {
    (tenant_pk(tenant_id), format!("{DAY_PREFIX}{date}"))
}
pub fn usage_month(tenant_id: &TenantId, month: &str) -> (String, String) {
    (tenant_pk(tenant_id), format!("USAGE#{month}"))
}

// WhatsApp.
pub fn whatsapp_integration(tenant_id: &TenantId, bot_id: &BotId) -> (String, String) {
    (bot_pk(tenant_id, bot_id), "WA".into())
}
pub fn whatsapp_phone(phone_number_id: &str) -> (String, String) {
    (format!("WAPHONE#{phone_number_id}"), "WAPHONE".into())
}
pub fn whatsapp_verify_token(token: &str) -> (String, String) {
    (format!("WAVERIFY#{token}"), "WAVERIFY".into())
}
pub fn whatsapp_message(wamid: &crate::ids::Wamid) -> (String, String) {
    (format!("WAMID#{wamid}"), "WAMID".into())
}
/// Markers of an inbound wamid: `QUEUED` (webhook dedupe), `STORED` (the worker stored it),
/// `REPLY` (the reply it got).
pub fn whatsapp_inbound(wamid: &crate::ids::Wamid) -> (String, String) {
    whatsapp_inbound_marker(wamid, "QUEUED")
}
pub fn whatsapp_inbound_marker(wamid: &crate::ids::Wamid, stage: &str) -> (String, String) {
    (format!("WAIN#{wamid}"), stage.into())
}

/// An `Idempotency-Key` a tenant's client sent with an operator reply (kept a day).
pub fn idempotency(tenant_id: &TenantId, key: &str) -> (String, String) {
    (format!("T#{tenant_id}#IDEM#{key}"), "IDEM".into())
}
