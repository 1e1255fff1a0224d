//! The bot's turn in a conversation, shared by the web widget, the WhatsApp worker and the
//! dashboard's test panel: load what the engine needs, ask it, and store what it decided
//! (the reply, a handoff, a lead, a knowledge gap).

use std::sync::Arc;

use anyhow::Context;

use crate::ai::{self, BotProfile, LlmClient, Reply, Turn, TurnRole};
use crate::booking::{self, FlowTurn};
use crate::state::AppState;
use crate::store::bots::{AnswerMode, Bot};
use crate::store::conversations::{self, BookingChange, Conversation, Message, Sender, Status};
use crate::store::leads::{self, LeadInput, LeadSource};
use crate::store::{self, gaps, knowledge};

/// Messages of history the engine sees.
pub const HISTORY: usize = 12;

/// The engine's view of a bot.
pub fn profile(bot: &Bot, business_name: &str) -> BotProfile {
    BotProfile {
        business_name: business_name.to_string(),
        bot_name: bot.name.clone(),
        language: bot.language,
        model: bot.llm_model.clone(),
        faq_mode: bot.answer_mode == AnswerMode::Faq,
        fallback_message: Some(bot.fallback_message.clone()).filter(|m| !m.trim().is_empty()),
        handoff_message: Some(bot.handoff_message.clone()).filter(|m| !m.trim().is_empty()),
        description: bot.description.clone(),
        instructions: bot.instructions.clone(),
    }
}

/// The bot's knowledge base with its index, read and built once per knowledge version in a
/// warm container.
pub async fn knowledge_of(state: &AppState, bot: &Bot) -> anyhow::Result<Arc<ai::KnowledgeBase>> {
    let key = (bot.tenant_id.clone(), bot.id.clone());
    if let Some((version, items)) = state.caches.knowledge.get(&key)
        && version == bot.knowledge_version
    {
        return Ok(items);
    }
    let items: Vec<ai::KnowledgeItem> = knowledge::all(state, &bot.tenant_id, &bot.id)
        .await?
        .into_iter()
        .map(|k| ai::KnowledgeItem {
            id: k.id.into(),
            title: k.title,
            // Alternative questions are searched (and shown to the model) as more questions.
            question: std::iter::once(k.question)
                .chain(k.alternatives)
                .filter(|q| !q.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
            answer: k.answer,
        })
        .collect();
    let items = Arc::new(ai::KnowledgeBase::new(items));
    state.caches.knowledge.insert(key, (bot.knowledge_version, items.clone()));
    Ok(items)
}

/// The LLM client when a key is configured (read at cold start); `None` means the offline
/// knowledge-base answerer.
pub fn llm_client(state: &AppState, model: &str) -> Option<LlmClient> {
    let key = state.config.llm_api_key.clone()?;
    Some(LlmClient::new(ai::LlmConfig {
        base_url: state.config.llm_base_url.clone(),
        api_key: key,
        model: model.to_string(),
        timeout: std::time::Duration::from_secs(state.config.llm_timeout_secs),
        ..ai::LlmConfig::default()
    }))
}

fn turns(history: &[Message]) -> Vec<Turn> {
    history
        .iter()
        .map(|m| Turn {
            role: match m.sender {
                Sender::User => TurnRole::User,
                Sender::Bot => TurnRole::Bot,
                Sender::Operator => TurnRole::Operator,
                Sender::System => TurnRole::System,
            },
            content: m.content.clone(),
        })
        .collect()
}

/// Asks the engine without storing anything (the dashboard's test panel).
pub async fn preview(state: &AppState, bot: &Bot, business_name: &str, message: &str) -> anyhow::Result<Reply> {
    let items = knowledge_of(state, bot).await?;
    let llm = if bot.answer_mode == AnswerMode::Ai { llm_client(state, &bot.llm_model) } else { None };
    Ok(ai::generate_reply(&profile(bot, business_name), &items, &[], message, llm.as_ref()).await)
}

/// What happened on the bot's turn.
#[derive(Debug)]
pub struct Turned {
    pub conversation: Conversation,
    /// The bot's stored reply; `None` while a human has the conversation.
    pub reply: Option<Message>,
    /// The bot would like the customer's contact details (the widget offers its form).
    pub ask_contact: bool,
}

/// What the bot answers: the customer's text (a WhatsApp burst joined), the stored messages
/// it came from (kept out of the history), and the last of them.
pub struct TurnInput {
    pub text: String,
    pub exclude_ids: Vec<crate::ids::MessageId>,
    pub last_user_message_id: crate::ids::MessageId,
}

/// A write that must succeed together with storing the reply (given the reply's id): the
/// marker that this burst is answered once.
pub type ReplyGuard<'a> = &'a (dyn Fn(&crate::ids::MessageId) -> anyhow::Result<store::Write> + Send + Sync);

/// The bot's turn after `user_message` (already stored).
pub async fn take_turn(
    state: &AppState,
    bot: &Bot,
    business_name: &str,
    conversation: Conversation,
    user_message: &Message,
) -> anyhow::Result<Turned> {
    let input = TurnInput {
        text: user_message.content.clone(),
        exclude_ids: vec![user_message.id.clone()],
        last_user_message_id: user_message.id.clone(),
    };
    take_turn_with(state, bot, business_name, conversation, input, None).await?.context("the conversation is gone")
}

/// The bot's turn. While the conversation is handed off the bot stays silent. Otherwise the
/// reply is stored (pending delivery for WhatsApp) with `guard`, a handoff moves the
/// conversation to `handed_off` (the customer is told once, by the reply), a lead is saved,
/// and an unanswered question is recorded as a knowledge gap. `None`: the guard (or the
/// conversation's existence) failed, so another attempt answered first and nothing was stored.
pub async fn take_turn_with(
    state: &AppState,
    bot: &Bot,
    business_name: &str,
    conversation: Conversation,
    input: TurnInput,
    guard: Option<ReplyGuard<'_>>,
) -> anyhow::Result<Option<Turned>> {
    if conversation.status != Status::Bot {
        return Ok(Some(Turned { conversation, reply: None, ask_contact: false }));
    }
    let items = knowledge_of(state, bot).await?;
    let mut history = conversations::recent_messages(
        state,
        &conversation.tenant_id,
        &conversation.id,
        HISTORY + input.exclude_ids.len(),
    )
    .await?;
    history.retain(|m| !input.exclude_ids.contains(&m.id));
    let llm = if bot.answer_mode == AnswerMode::Ai { llm_client(state, &bot.llm_model) } else { None };
    // Without a model, booking is the guided flow's; a question in the middle of it is answered
    // as usual and the flow asks its step again.
    let flow = match llm {
        None => booking::flow_turn(state, bot, &conversation, &items, &input.text, &input.last_user_message_id).await?,
        Some(_) => None,
    };
    let profile = profile(bot, business_name);
    let (reply, booking_change) = match flow {
        Some(FlowTurn::Answer { reply, change }) => (*reply, change),
        Some(FlowTurn::Aside { prompt, choices, change }) => {
            let mut reply = ai::generate_reply(&profile, &items, &turns(&history), &input.text, None).await;
            if reply.handoff.is_some() {
                (reply, BookingChange::Clear)
            } else {
                reply.text = format!("{}\n\n{prompt}", reply.text);
                reply.choices = choices;
                (reply, change)
            }
        }
        None => {
            // With a model, booking is the model's, through tools run against the calendar.
            let model_booking = match &llm {
                Some(_) => {
                    booking::model::ModelBooking::load(state, bot, &conversation, &input.last_user_message_id).await?
                }
                None => None,
            };
            let run =
                model_booking.as_ref().map(|m| move |call: ai::ToolCall| -> ai::ToolRun<'_> { Box::pin(m.run(call)) });
            let tools = match (&model_booking, &run) {
                (Some(m), Some(run)) => Some(ai::BookingTools { context: m.context(), run }),
                _ => None,
            };
            let reply =
                ai::generate_reply_with(&profile, &items, &turns(&history), &input.text, llm.as_ref(), tools.as_ref())
                    .await;
            (reply, BookingChange::Keep)
        }
    };
    if let Some(error) = &reply.error {
        tracing::warn!(conversation_id = %conversation.id, cause = %error, mode = ?reply.mode, "the engine fell back");
    }
    tracing::info!(
        conversation_id = %conversation.id,
        mode = ?reply.mode,
        confidence = reply.confidence,
        sources = reply.knowledge_ids.len(),
        handoff = reply.handoff.is_some(),
        "bot reply"
    );

    let mut message = Message::new(&conversation.id, Sender::Bot, reply.text.clone());
    message.knowledge_item_ids = reply.knowledge_ids.clone();
    message.choices = reply.choices.clone();
    if conversation.source == conversations::Source::Whatsapp {
        message.delivery_status = Some(conversations::DeliveryStatus::Pending);
    }
    let mut extra = match guard {
        Some(g) => vec![g(&message.id)?],
        None => vec![],
    };
    // Everything the turn decided goes into the reply's transaction (a retry finds all of it or
    // none): the handoff and attention flags, the knowledge gap's count, and the collected
    // contact details (saved as a lead right after, and again by a retry).
    let effects = conversations::TurnEffects {
        handoff: reply.handoff.is_some(),
        needs_attention: reply.handoff.is_some() || reply.knowledge_gap,
        booking: booking_change,
        reopen_to_bot: false,
    };
    let handed_off = effects.handoff;
    if reply.knowledge_gap
        && let Some(gap) = gaps::record_update(
            state.table(),
            &conversation.tenant_id,
            &conversation.bot_id,
            // What the customer asked, never their phone number or address.
            &ai::contact::redact(&input.text),
            &conversation.id,
        )
    {
        extra.push(gap);
    }
    if let Some(fields) = &reply.lead {
        extra.push(leads::pending_put(state.table(), &conversation.tenant_id, &conversation.id, &message.id, fields)?);
    }
    let Some(mut conversation) = conversations::append_turn(state, &conversation, &message, extra, effects).await?
    else {
        return Ok(None);
    };
    state.faults.check("after_reply_stored")?;
    if let Some(fields) = &reply.lead
        && save_lead(state, bot, &conversation, fields).await?
    {
        conversation.has_lead = true;
    }
    // The widget offers its contact form when a person takes over or the reply asks for details.
    let ask_contact = (handed_off || ai::contact::asks_for_contact(&message.content)) && !conversation.has_lead;
    Ok(Some(Turned { conversation, reply: Some(message), ask_contact }))
}

/// Re-applies what a stored reply's turn decided outside its transaction (the lead), for a
/// retry that finds the reply already stored. Idempotent: the lead is merged by its contact.
pub async fn finish_stored_turn(
    state: &AppState,
    bot: &Bot,
    conversation: &Conversation,
    reply_id: &crate::ids::MessageId,
) -> anyhow::Result<()> {
    if let Some(fields) = leads::pending(state, &conversation.tenant_id, &conversation.id, reply_id).await? {
        save_lead(state, bot, conversation, &fields).await?;
    }
    Ok(())
}

/// Saves what the model collected, validated and normalised; invalid parts are dropped (and
/// logged) rather than failing the customer's turn.
async fn save_lead(
    state: &AppState,
    bot: &Bot,
    conversation: &Conversation,
    fields: &ai::LeadFields,
) -> anyhow::Result<bool> {
    let email =
        fields.email.as_deref().and_then(|e| crate::domain::Email::parse(e).ok()).map(|e| e.as_str().to_string());
    let phone = fields.phone.as_deref().and_then(|p| crate::domain::PhoneE164::parse(p).ok());
    if email.is_none() && phone.is_none() {
        tracing::info!(conversation_id = %conversation.id, "lead without a valid email or phone ignored");
        return Ok(false);
    }
    let name: String = fields.name.as_deref().unwrap_or_default().trim().chars().take(100).collect();
    let input = LeadInput {
        bot_id: bot.id.clone(),
        bot_name: bot.name.clone(),
        conversation_id: Some(conversation.id.clone()),
        name: if name.is_empty() { conversation.contact_name.clone().unwrap_or_default() } else { name },
        email,
        phone,
        note: fields.note.as_deref().map(|n| n.trim().chars().take(500).collect()),
        source: match conversation.source {
            conversations::Source::Whatsapp => LeadSource::Whatsapp,
            conversations::Source::WebWidget => LeadSource::WebWidget,
        },
    };
    let lead =
        leads::record_from_conversation(state, &conversation.tenant_id, conversation.lead_id.as_ref(), input).await?;
    Ok(lead.conversation_id.as_deref() == Some(conversation.id.as_str()))
}

/// The tenant's display name (the business the bot speaks for).
pub async fn business_name(state: &AppState, tenant_id: &crate::ids::TenantId) -> anyhow::Result<String> {
    Ok(store::tenants::by_id(state, tenant_id).await?.map(|t| t.name).unwrap_or_default())
}
