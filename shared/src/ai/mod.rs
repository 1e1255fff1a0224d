//! The AI engine: one reply from (bot, knowledge, recent history, new message). It serves
//! WhatsApp, the widget and the dashboard's test panel, and needs no AWS: callers store what
//! it decided.
//!
//! - With an LLM (OpenAI-compatible Chat Completions): a grounded prompt with the knowledge in
//!   a delimited block, the last turns, and two tools (`save_lead`, `handoff_to_human`).
//! - Without one (no key configured, or a bot in FAQ mode): the offline knowledge-base
//!   answerer, from retrieval alone — a confident match answers with that item's answer,
//!   anything else gets the bot's fallback message and is flagged for a person.
//!
//! Either way: a customer asking for a person is handed off; failures never crash and never
//! produce an empty reply.

pub mod contact;
pub mod llm;
pub mod prompt;
pub mod retrieval;
pub mod text;

use serde::Deserialize;

use crate::copy;
pub use crate::copy::Language;
pub use llm::{Completion, LlmClient, LlmConfig, LlmError, ToolCall};
pub use retrieval::{DEFAULT_THRESHOLD, Hit, Index};

/// The engine's view of a bot.
#[derive(Debug, Clone)]
pub struct BotProfile {
    pub business_name: String,
    pub bot_name: String,
    pub language: Language,
    pub model: String,
    /// Answer from the knowledge base alone, even when an LLM is configured.
    pub faq_mode: bool,
    pub fallback_message: Option<String>,
    pub handoff_message: Option<String>,
    /// What the business says it is (the bot's description), for the model.
    pub description: String,
    /// The persona and instructions the tenant gives the model (AI mode).
    pub instructions: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KnowledgeItem {
    pub id: String,
    pub title: String,
    pub question: String,
    pub answer: String,
}

/// A bot's knowledge with its retrieval index, built once per knowledge version.
#[derive(Debug)]
pub struct KnowledgeBase {
    pub items: Vec<KnowledgeItem>,
    pub index: Index,
}

impl KnowledgeBase {
    pub fn new(items: Vec<KnowledgeItem>) -> Self {
        let index = prompt::index_of(&items);
        Self { items, index }
    }

    pub fn get(&self, id: &str) -> Option<&KnowledgeItem> {
        self.items.iter().find(|k| k.id == id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnRole {
    User,
    Bot,
    Operator,
    System,
}

#[derive(Debug, Clone)]
pub struct Turn {
    pub role: TurnRole,
    pub content: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyMode {
    /// The LLM answered.
    Llm,
    /// The offline knowledge-base answerer answered.
    Offline,
    /// Something failed; the fallback message was used.
    Fallback,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoffReason {
    /// The model called `handoff_to_human`.
    ModelTool,
    /// The customer asked for a person.
    CustomerAsked,
    /// The bot could not answer twice in a row.
    LowConfidence,
}

/// Contact details the model collected (validated and normalised by the caller).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, serde::Serialize)]
pub struct LeadFields {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Reply {
    /// Never empty.
    pub text: String,
    /// Knowledge items the reply is based on.
    pub knowledge_ids: Vec<String>,
    /// Retrieval confidence of the best item, 0..1.
    pub confidence: f32,
    pub handoff: Option<HandoffReason>,
    pub lead: Option<LeadFields>,
    /// The knowledge base has no answer to the question: record it as a knowledge gap. Not set
    /// when the engine failed (the knowledge base is not at fault then).
    pub knowledge_gap: bool,
    /// A person should look at the conversation (unanswered, or the engine failed).
    pub needs_attention: bool,
    pub mode: ReplyMode,
    /// The best retrieval matches with their confidence, best first.
    pub scores: Vec<(String, f32)>,
    /// What went wrong, for the logs (never shown to the customer).
    pub error: Option<String>,
    /// Answers the customer can tap (WhatsApp reply buttons or a list), when a choice is
    /// natural: the closest topics and a person, after a question the bot could not answer.
    pub choices: Vec<String>,
}

/// The most choices offered at once (WhatsApp allows 3 reply buttons, or 10 list rows).
pub const MAX_CHOICES: usize = 3;
/// A topic is offered as "did you mean" when retrieval found it this close, below the answer
/// threshold.
const SUGGEST_THRESHOLD: f32 = 0.25;

/// The choices after an unanswered question: up to two close topics, then a person.
fn suggestions(kb: &KnowledgeBase, hits: &[Hit], lang: Language) -> Vec<String> {
    let mut choices: Vec<String> = hits
        .iter()
        .filter(|h| h.confidence >= SUGGEST_THRESHOLD)
        .filter_map(|h| kb.get(&h.id))
        .map(|item| item.title.trim().to_string())
        .filter(|t| !t.is_empty())
        .take(MAX_CHOICES - 1)
        .collect();
    choices.dedup();
    choices.push(copy::person_choice(lang).to_string());
    choices
}

/// Phrases (folded) with which a customer asks for a person.
const HUMAN_REQUESTS: &[&str] = &[
    "canli destek",
    "musteri temsilci",
    "temsilci",
    "yetkili",
    "insanla gorus",
    "insan ile gorus",
    "gercek bir insan",
    "gercek kisi",
    "biriyle gorus",
    "operator",
    "operatore",
    "bir kisiyle",
    "human",
    "real person",
    "live agent",
    "an agent",
    "talk to someone",
    "speak to someone",
    "customer service representative",
];

/// Whether the customer asks for a person.
pub fn asks_for_human(message: &str) -> bool {
    let folded = text::fold(message);
    let padded = format!(
        " {} ",
        folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    );
    HUMAN_REQUESTS.iter().any(|p| padded.contains(&format!(" {p}")))
}

const GREETINGS: &[&str] = &[
    "merhaba",
    "merhabalar",
    "selam",
    "selamlar",
    "iyi gunler",
    "gunaydin",
    "iyi aksamlar",
    "hello",
    "hi",
    "hey",
    "good morning",
    "good afternoon",
    "good evening",
];
const THANKS: &[&str] = &[
    "tesekkurler",
    "tesekkur ederim",
    "cok tesekkurler",
    "sag olun",
    "sagolun",
    "eyvallah",
    "thanks",
    "thank you",
    "thank you very much",
    "tamam tesekkurler",
    "ok thanks",
];

/// A message that is only a greeting or a thank-you gets a short polite answer.
fn small_talk(message: &str, lang: Language, bot: &BotProfile) -> Option<String> {
    let words: Vec<String> = text::fold(message)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let joined = words.join(" ");
    if GREETINGS.contains(&joined.as_str()) {
        return Some(match lang {
            Language::Tr => format!("Merhaba! {} adına size nasıl yardımcı olabilirim?", bot.business_name.trim()),
            Language::En => format!("Hello! How can I help you with {}?", bot.business_name.trim()),
        });
    }
    if THANKS.contains(&joined.as_str()) {
        return Some(match lang {
            Language::Tr => "Rica ederim! Başka bir sorunuz olursa buradayım.".to_string(),
            Language::En => "You're welcome! I'm here if you have any other questions.".to_string(),
        });
    }
    None
}

fn reply_language(bot: &BotProfile, message: &str) -> Language {
    // Short messages say little about their language: keep the bot's.
    if message.split_whitespace().count() >= 3 { text::detect_lang(message) } else { bot.language }
}

fn fallback_text(bot: &BotProfile, lang: Language) -> String {
    match &bot.fallback_message {
        Some(m) if lang == bot.language => m.clone(),
        _ => copy::fallback(lang).to_string(),
    }
}

fn handoff_text(bot: &BotProfile, lang: Language) -> String {
    match &bot.handoff_message {
        Some(m) if lang == bot.language => m.clone(),
        _ => copy::handoff(lang).to_string(),
    }
}

impl Reply {
    /// A reply the product composes itself (the booking flow), with choices to tap.
    pub fn composed(text: String, choices: Vec<String>) -> Self {
        let mut r = base(text, ReplyMode::Offline, &[]);
        r.choices = choices;
        r
    }
}

fn base(text: String, mode: ReplyMode, hits: &[Hit]) -> Reply {
    Reply {
        text,
        knowledge_ids: vec![],
        confidence: hits.first().map(|h| h.confidence).unwrap_or(0.0),
        handoff: None,
        lead: None,
        knowledge_gap: false,
        needs_attention: false,
        mode,
        scores: hits.iter().map(|h| (h.id.clone(), h.confidence)).collect(),
        error: None,
        choices: vec![],
    }
}

/// Retrieval for a message; a follow-up ("peki fiyatı?") that matches nothing on its own is
/// tried again together with the customer's previous message.
fn retrieve(kb: &KnowledgeBase, history: &[Turn], message: &str) -> Vec<Hit> {
    let hits = kb.index.search(message, 5);
    if hits.first().is_some_and(|h| h.confidence >= DEFAULT_THRESHOLD) {
        return hits;
    }
    if let Some(previous) = history.iter().rev().find(|t| t.role == TurnRole::User) {
        let joined = kb.index.search(&format!("{} {message}", previous.content), 5);
        if joined.first().is_some_and(|h| h.confidence >= DEFAULT_THRESHOLD) {
            return joined;
        }
    }
    hits
}

/// Abbreviations that end with a full stop inside a sentence (`Moda Cad. No: 42`).
const ABBREVIATIONS: &[&str] =
    &["cad", "mah", "sok", "sk", "no", "dr", "prof", "doc", "vb", "vs", "bkz", "apt", "blv", "st", "mr", "mrs", "ms"];

/// An answer's sentences, each with its closing punctuation.
fn sentences(answer: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = answer.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let after = chars.get(k + 2).map(|&(_, n)| n);
        let ends = match (next, after) {
            (None, _) => true,
            (Some(n), Some(a)) if n.is_whitespace() => a.is_uppercase() || a.is_numeric() || a == '"' || a == '(',
            _ => false,
        };
        let word: String = answer[start..i].rsplit(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("").to_string();
        if ends && !ABBREVIATIONS.contains(&text::fold(&word).as_str()) {
            let end = i + c.len_utf8();
            let piece = answer[start..end].trim();
            if !piece.is_empty() {
                out.push(piece);
            }
            start = end;
        }
    }
    let rest = answer[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// In FAQ mode, the sentences of an item's answer that answer the question ("Diş beyazlatma ne
/// kadar sürüyor?" gets the sentence about the time, not one that begins "Evet, …"): those
/// scoring at least half the best, in order. The whole answer when it is short, when no
/// sentence stands out, or when unsure.
pub fn answer_part(answer: &str, question: &str) -> String {
    let chosen = chosen_sentences(answer, question);
    without_yes(&chosen, question)
}

/// Whether a question asks yes or no (`... mı?`, `var mı`, `is there …`).
fn asks_yes_or_no(question: &str) -> bool {
    text::words(question).iter().any(|w| {
        matches!(
            w.as_str(),
            "mi" | "mu" | "misiniz" | "musunuz" | "miyim" | "muyum" | "miyiz" | "muyuz" | "midir" | "mudur"
        ) || (w.len() > 3
            && (w.ends_with("mi") || w.ends_with("mu"))
            && ["var", "yok"].iter().any(|v| w.starts_with(v)))
    }) || text::words(question)
        .first()
        .is_some_and(|w| matches!(w.as_str(), "is" | "are" | "do" | "does" | "can" | "could" | "will" | "have" | "has"))
}

/// A leading "Evet," answers a yes-or-no question; before an answer to "ne kadar sürüyor?" it
/// reads as a non sequitur, so it goes (the rest of the sentence is kept, capitalised).
fn without_yes(answer: &str, question: &str) -> String {
    if asks_yes_or_no(question) {
        return answer.to_string();
    }
    for lead in ["Evet, ", "Evet; ", "Yes, "] {
        if let Some(rest) = answer.strip_prefix(lead) {
            let mut chars = rest.chars();
            if let Some(first) = chars.next() {
                let upper: String = if first == 'i' { "İ".into() } else { first.to_uppercase().collect() };
                return format!("{upper}{}", chars.as_str());
            }
        }
    }
    answer.to_string()
}

fn chosen_sentences(answer: &str, question: &str) -> String {
    let parts = sentences(answer);
    if parts.len() < 2 {
        return answer.to_string();
    }
    let ids: Vec<String> = (0..parts.len()).map(|i| i.to_string()).collect();
    let index = retrieval::Index::build(parts.iter().zip(&ids).map(|(p, id)| retrieval::Doc {
        id,
        title: "",
        question: "",
        answer: p,
    }));
    let hits = index.search(question, parts.len());
    let Some(top) = hits.first().filter(|h| h.confidence >= 0.3) else {
        return answer.to_string();
    };
    let mut keep: Vec<usize> =
        hits.iter().filter(|h| h.score >= top.score * 0.5).filter_map(|h| h.id.parse().ok()).collect();
    keep.sort_unstable();
    if keep.len() >= parts.len() {
        return answer.to_string();
    }
    keep.iter().map(|&i| parts[i]).collect::<Vec<_>>().join(" ")
}

/// A message asking several things at once ("Adresiniz nerede, otopark var mı?"): its
/// clauses, when there are at least two of two words or more.
fn clauses(message: &str) -> Vec<&str> {
    let parts: Vec<&str> = message
        .split(['?', ',', ';', '.', '!', '\n'])
        .flat_map(|p| p.split(" bir de ").flat_map(|p| p.split(" ayrıca ")).flat_map(|p| p.split(" also ")))
        .map(str::trim)
        .filter(|p| p.split_whitespace().count() >= 2)
        .collect();
    if parts.len() >= 2 { parts } else { Vec::new() }
}

/// The confident best hit of each clause, distinct items, in the message's order, when an
/// item covers every clause: a clause no item answers is something essential unmatched, and
/// answering the rest would pass a near miss off as an answer. At most 3 clauses.
fn clause_hits(kb: &KnowledgeBase, message: &str) -> Vec<Hit> {
    let parts = clauses(message);
    if parts.len() > 3 {
        return Vec::new();
    }
    let mut out: Vec<Hit> = Vec::new();
    for clause in parts {
        match kb.index.search(clause, 2).into_iter().next().filter(|h| h.confidence >= DEFAULT_THRESHOLD) {
            Some(best) if !out.iter().any(|h| h.id == best.id) => out.push(best),
            Some(_) => {}
            None => return Vec::new(),
        }
    }
    out
}

/// Whether the bot's last turn was the fallback (two misses in a row hand off).
fn missed_last_time(bot: &BotProfile, history: &[Turn]) -> bool {
    let last_bot = history.iter().rev().find(|t| t.role != TurnRole::User && t.role != TurnRole::System);
    last_bot.is_some_and(|t| {
        t.role == TurnRole::Bot
            && (Some(&t.content) == bot.fallback_message.as_ref()
                || t.content == copy::fallback(Language::Tr)
                || t.content == copy::fallback(Language::En))
    })
}

/// The bot's reply. See the module documentation.
/// A booking tool's run: its result for the model (a JSON text).
pub type ToolRun<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = String> + Send + 'a>>;

/// What the model may do about appointments (AI mode, a bot with a calendar), run by the caller
/// against the calendar and the store.
pub struct BookingTools<'a> {
    /// The calendar's facts for the prompt: services, today in the business's zone, the
    /// customer's upcoming appointments.
    pub context: String,
    pub run: &'a (dyn Fn(ToolCall) -> ToolRun<'a> + Send + Sync),
}

/// Rounds of booking tool calls a turn allows before the model must answer.
const TOOL_ROUNDS: usize = 3;

pub fn is_booking_tool(name: &str) -> bool {
    matches!(name, "find_slots" | "book_appointment" | "reschedule_appointment" | "cancel_appointment")
}

/// Whether the knowledge base has a confident answer to `message` (on its own, no history).
pub fn knows(kb: &KnowledgeBase, message: &str) -> bool {
    retrieve(kb, &[], message).first().is_some_and(|h| h.confidence >= DEFAULT_THRESHOLD)
}

pub async fn generate_reply(
    bot: &BotProfile,
    kb: &KnowledgeBase,
    history: &[Turn],
    message: &str,
    llm: Option<&LlmClient>,
) -> Reply {
    generate_reply_with(bot, kb, history, message, llm, None).await
}

/// [`generate_reply`], with booking tools for the model when the bot has a calendar.
pub async fn generate_reply_with(
    bot: &BotProfile,
    kb: &KnowledgeBase,
    history: &[Turn],
    message: &str,
    llm: Option<&LlmClient>,
    booking: Option<&BookingTools<'_>>,
) -> Reply {
    let lang = reply_language(bot, message);
    let hits = retrieve(kb, history, message);
    if asks_for_human(message) {
        let mut r = base(
            handoff_text(bot, lang),
            if llm.is_some() && !bot.faq_mode { ReplyMode::Llm } else { ReplyMode::Offline },
            &hits,
        );
        r.handoff = Some(HandoffReason::CustomerAsked);
        r.needs_attention = true;
        return r;
    }
    // Contact details typed in the chat become the conversation's lead, in both modes (the
    // model may miss them; the offline answerer would otherwise file them as a question).
    let contact = contact::contact_in(message);
    match llm {
        Some(client) if !bot.faq_mode => {
            let mut r = with_llm(bot, kb, history, message, client, hits, booking).await;
            if r.lead.is_none() {
                r.lead = contact;
            }
            r
        }
        _ => match contact {
            Some(fields) => {
                let mut r = base(copy::contact_thanks(lang, fields.name.as_deref()), ReplyMode::Offline, &hits);
                r.lead = Some(fields);
                r
            }
            None => offline(bot, kb, history, message, hits, lang),
        },
    }
}

/// The offline knowledge-base answerer.
pub fn offline(
    bot: &BotProfile,
    kb: &KnowledgeBase,
    history: &[Turn],
    message: &str,
    hits: Vec<Hit>,
    lang: Language,
) -> Reply {
    if let Some(best) = hits.first().filter(|h| h.confidence >= DEFAULT_THRESHOLD)
        && let Some(item) = kb.get(&best.id)
    {
        let mut r = base(answer_part(&item.answer, message), ReplyMode::Offline, &hits);
        r.knowledge_ids = vec![item.id.clone()];
        return r;
    }
    // Several questions in one message: answer each clause an item covers.
    let parts = clause_hits(kb, message);
    if !parts.is_empty() {
        let items: Vec<&KnowledgeItem> = parts.iter().filter_map(|h| kb.get(&h.id)).collect();
        let mut r =
            base(items.iter().map(|i| i.answer.as_str()).collect::<Vec<_>>().join("\n\n"), ReplyMode::Offline, &parts);
        r.knowledge_ids = items.iter().map(|i| i.id.clone()).collect();
        return r;
    }
    if let Some(text) = small_talk(message, lang, bot) {
        return base(text, ReplyMode::Offline, &hits);
    }
    let choices = suggestions(kb, &hits, lang);
    let mut r = unanswered(bot, history, lang, hits, ReplyMode::Offline, None);
    if r.handoff.is_none() {
        r.choices = choices;
    }
    r
}

fn unanswered(
    bot: &BotProfile,
    history: &[Turn],
    lang: Language,
    hits: Vec<Hit>,
    mode: ReplyMode,
    error: Option<String>,
) -> Reply {
    let mut r = base(fallback_text(bot, lang), mode, &hits);
    r.knowledge_gap = error.is_none();
    r.needs_attention = true;
    r.error = error;
    if missed_last_time(bot, history) {
        r.text = handoff_text(bot, lang);
        r.handoff = Some(HandoffReason::LowConfidence);
    }
    r
}

async fn with_llm(
    bot: &BotProfile,
    kb: &KnowledgeBase,
    history: &[Turn],
    message: &str,
    client: &LlmClient,
    hits: Vec<Hit>,
    booking: Option<&BookingTools<'_>>,
) -> Reply {
    let lang = reply_language(bot, message);
    let knowledge = prompt::select_knowledge(&kb.items, &kb.index, message);
    let mut messages = prompt::messages(bot, &knowledge, history, message);
    let mut tools = prompt::tools();
    if let Some(b) = booking {
        messages.insert(1, serde_json::json!({ "role": "system", "content": b.context }));
        if let (Some(all), Some(more)) = (tools.as_array_mut(), prompt::booking_tools().as_array()) {
            all.extend(more.iter().cloned());
        }
    }
    // Booking tools are run and their results shown to the model, which then answers (or calls
    // more, a few rounds at most); the other tools are decisions applied with the reply.
    let mut used_tools = false;
    let mut round = 0;
    let completion = loop {
        round += 1;
        let completion = match client.complete(&messages, &tools).await {
            Ok(c) => c,
            Err(e) => {
                // A slow or failing model: the fallback at once, with a person one tap away.
                let mut r = unanswered(bot, history, lang, hits, ReplyMode::Fallback, Some(e.to_string()));
                if r.handoff.is_none() {
                    r.choices = vec![copy::person_choice(lang).to_string()];
                }
                return r;
            }
        };
        let calls: Vec<&ToolCall> = completion.tool_calls.iter().filter(|c| is_booking_tool(&c.name)).collect();
        let Some(b) = booking.filter(|_| !calls.is_empty() && round <= TOOL_ROUNDS) else { break completion };
        used_tools = true;
        let requested: Vec<serde_json::Value> = calls
            .iter()
            .map(|c| serde_json::json!({ "id": c.id, "type": "function", "function": { "name": c.name, "arguments": c.arguments } }))
            .collect();
        messages
            .push(serde_json::json!({ "role": "assistant", "content": completion.content, "tool_calls": requested }));
        for call in calls {
            let result = (b.run)(call.clone()).await;
            messages.push(serde_json::json!({ "role": "tool", "tool_call_id": call.id, "content": result }));
        }
    };
    let mut lead = None;
    let mut handoff = None;
    for call in &completion.tool_calls {
        let refused = match call.name.as_str() {
            "save_lead" => match parse_lead(&call.arguments) {
                Ok(fields) => {
                    lead = Some(fields);
                    None
                }
                Err(e) => Some(format!("save_lead arguments: {e}")),
            },
            "handoff_to_human" => {
                handoff = Some(HandoffReason::ModelTool);
                None
            }
            other => Some(format!("unknown tool {other}")),
        };
        if let Some(reason) = refused {
            return unanswered(bot, history, lang, hits, ReplyMode::Fallback, Some(reason));
        }
    }
    // The model names the items it used on a last line, which the customer never sees. A
    // reply resting on no item is not trusted: unless it only greets or thanks, takes contact
    // details or hands over, it is treated as a refusal (fallback and a knowledge gap).
    let (content, citations) = prompt::cited(&completion.content);
    let given: Vec<&str> = knowledge.iter().map(|k| k.id.as_str()).collect();
    let sources: Vec<String> = match citations {
        Some(ids) => ids.into_iter().filter(|id| given.contains(&id.as_str())).collect(),
        // No sources line: what retrieval found confidently stands in for it.
        None => hits.iter().filter(|h| h.confidence >= DEFAULT_THRESHOLD).take(3).map(|h| h.id.clone()).collect(),
    };
    let grounded = !sources.is_empty()
        || lead.is_some()
        || handoff.is_some()
        || used_tools
        || small_talk(message, lang, bot).is_some();
    if !content.is_empty() && !grounded {
        // A knowledge gap like any unanswered question (not an engine failure).
        let mut r = unanswered(bot, history, lang, hits, ReplyMode::Fallback, None);
        r.error = Some("the model cited no knowledge".into());
        return r;
    }
    let text = match (content.is_empty(), handoff, &lead) {
        (false, _, _) => content,
        (true, Some(_), _) => handoff_text(bot, lang),
        (true, None, Some(_)) => copy::contact_thanks(lang, None),
        (true, None, None) => {
            return unanswered(
                bot,
                history,
                lang,
                hits,
                ReplyMode::Fallback,
                Some("the model returned an empty answer".into()),
            );
        }
    };
    let mut r = base(text, ReplyMode::Llm, &hits);
    r.knowledge_ids = sources;
    r.handoff = handoff;
    r.needs_attention = handoff.is_some();
    r.lead = lead;
    r
}

/// `save_lead` arguments: a JSON object with at least one usable field.
pub fn parse_lead(arguments: &str) -> Result<LeadFields, String> {
    let fields: LeadFields = serde_json::from_str(arguments).map_err(|e| e.to_string())?;
    let has = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    if !(has(&fields.email) || has(&fields.phone)) {
        return Err("neither an email nor a phone number".into());
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn bot(faq: bool) -> BotProfile {
        BotProfile {
            business_name: "Gülümse Diş Kliniği".into(),
            bot_name: "Asistan".into(),
            language: Language::Tr,
            model: "gpt-4.1-mini".into(),
            faq_mode: faq,
            fallback_message: Some("Bunu bilmiyorum, yetkiliye bağlayayım mı?".into()),
            handoff_message: Some("Sizi bir yetkiliye aktarıyorum.".into()),
            description: String::new(),
            instructions: String::new(),
        }
    }

    pub(super) fn kb() -> KnowledgeBase {
        let item = |id: &str, title: &str, q: &str, a: &str| KnowledgeItem {
            id: id.into(),
            title: title.into(),
            question: q.into(),
            answer: a.into(),
        };
        KnowledgeBase::new(vec![
            item(
                "k1",
                "Çalışma saatleri",
                "Kliniğiniz hangi saatlerde açık?",
                "Hafta içi 09:00-19:00, cumartesi 10:00-16:00.",
            ),
            item("k2", "Adres", "Klinik nerede?", "Kadıköy, Moda Caddesi No: 12."),
            item("k3", "İmplant", "İmplant fiyatı ne kadar?", "İmplant tedavisi 25.000 TL'den başlar."),
        ])
    }

    #[tokio::test]
    async fn a_confident_match_answers_with_the_items_answer() {
        let r = generate_reply(&bot(true), &kb(), &[], "Cumartesi açık mısınız?", None).await;
        assert_eq!(r.text, "Hafta içi 09:00-19:00, cumartesi 10:00-16:00.");
        assert_eq!(
            (r.knowledge_ids.as_slice(), r.mode, !r.knowledge_gap),
            (&["k1".to_string()][..], ReplyMode::Offline, true)
        );
        assert!(r.confidence >= DEFAULT_THRESHOLD);
    }

    #[tokio::test]
    async fn an_unknown_question_gets_the_fallback_and_a_second_one_hands_off() {
        let r = generate_reply(&bot(true), &kb(), &[], "Kedim için aşı takvimi nedir?", None).await;
        assert_eq!(r.text, "Bunu bilmiyorum, yetkiliye bağlayayım mı?");
        assert!(r.knowledge_gap && r.needs_attention && r.handoff.is_none());
        let history = [
            Turn { role: TurnRole::User, content: "Kedim için aşı takvimi nedir?".into() },
            Turn { role: TurnRole::Bot, content: r.text.clone() },
        ];
        let again = generate_reply(&bot(true), &kb(), &history, "Köpeğim için peki?", None).await;
        assert_eq!(again.handoff, Some(HandoffReason::LowConfidence));
        assert_eq!(again.text, "Sizi bir yetkiliye aktarıyorum.");
    }

    #[tokio::test]
    async fn an_unanswered_question_offers_close_topics_and_a_person_and_each_tap_works() {
        let kb = kb();
        // Far from everything: only the person. Near the implant item: it too.
        let far = generate_reply(&bot(true), &kb, &[], "Kedim için aşı takvimi nedir?", None).await;
        assert_eq!(far.choices, ["Yetkiliye bağlan"]);
        let near = generate_reply(&bot(true), &kb, &[], "İmplantın garantisi var mı?", None).await;
        assert!(near.knowledge_gap, "below the answer threshold: {}", near.confidence);
        assert_eq!(near.choices, ["İmplant", "Yetkiliye bağlan"]);
        // Tapping a topic (its title comes back as the message) answers it; tapping the person
        // hands off; in English the person is offered in English.
        for item in &kb.items {
            let tapped = generate_reply(&bot(true), &kb, &[], &item.title, None).await;
            assert_eq!(tapped.knowledge_ids, std::slice::from_ref(&item.id), "tapping {:?}", item.title);
        }
        let person = generate_reply(&bot(true), &kb, &[], copy::person_choice(Language::Tr), None).await;
        assert_eq!(person.handoff, Some(HandoffReason::CustomerAsked));
        let person = generate_reply(&bot(true), &kb, &[], copy::person_choice(Language::En), None).await;
        assert_eq!(person.handoff, Some(HandoffReason::CustomerAsked));
        // After a handoff nothing is offered.
        let history = [
            Turn { role: TurnRole::User, content: "Kedim için aşı takvimi nedir?".into() },
            Turn { role: TurnRole::Bot, content: far.text.clone() },
        ];
        let handed = generate_reply(&bot(true), &kb, &history, "Köpeğim için peki?", None).await;
        assert!(handed.handoff.is_some() && handed.choices.is_empty());
    }

    #[tokio::test]
    async fn every_title_of_the_clinics_knowledge_base_brings_back_its_item() {
        let data: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/data/kb-dis-klinigi.json")).unwrap();
        let items: Vec<KnowledgeItem> = data["knowledge"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, k)| KnowledgeItem {
                id: format!("k{i}"),
                title: k["title"].as_str().unwrap().into(),
                question: k["question"].as_str().unwrap_or_default().into(),
                answer: k["answer"].as_str().unwrap().into(),
            })
            .collect();
        let kb = KnowledgeBase::new(items);
        for item in &kb.items {
            let tapped = generate_reply(&bot(true), &kb, &[], &item.title, None).await;
            assert_eq!(tapped.knowledge_ids, std::slice::from_ref(&item.id), "tapping {:?}", item.title);
        }
    }

    #[tokio::test]
    async fn asking_for_a_person_hands_off_in_both_languages() {
        for m in ["Canlı destek istiyorum", "Bir YETKİLİ ile görüşebilir miyim", "Can I talk to a human please?"]
        {
            let r = generate_reply(&bot(true), &kb(), &[], m, None).await;
            assert_eq!(r.handoff, Some(HandoffReason::CustomerAsked), "{m}");
        }
        assert!(!asks_for_human("İmplant yetkinliğiniz nedir"), "a word that merely starts the same is not a request");
        assert!(!asks_for_human("Adresiniz nedir?"));
    }

    #[tokio::test]
    async fn greetings_and_thanks_are_answered_politely_without_a_gap() {
        let r = generate_reply(&bot(true), &kb(), &[], "Merhaba", None).await;
        assert!(r.text.starts_with("Merhaba!") && !r.knowledge_gap);
        let r = generate_reply(&bot(true), &kb(), &[], "Çok teşekkürler", None).await;
        assert!(r.text.starts_with("Rica ederim") && !r.knowledge_gap);
    }

    #[test]
    fn an_answer_keeps_the_sentences_that_answer_the_question() {
        let whitening = "Evet, ofis tipi (lazer destekli) beyazlatma tek seansta yaklaşık 1 saat sürer ve 6.500 TL'dir. Ev tipi beyazlatma plakları 4.000 TL'dir.";
        let r = answer_part(whitening, "Diş beyazlatma ne kadar sürüyor?");
        assert!(r.starts_with("Ofis tipi") && r.contains("1 saat"), "{r}");
        assert!(
            answer_part(whitening, "Beyazlatma yapıyor musunuz?").starts_with("Evet,"),
            "a yes-or-no question keeps its yes"
        );
        let canal = "Kanal tedavisi lokal anestezi altında yapılır, işlem sırasında ağrı hissetmezsiniz. Sonrasında 1-2 gün hafif hassasiyet olabilir. Ön dişler için 3.500 TL, azı dişleri için 5.000 TL'dir.";
        let price = answer_part(canal, "Kanal tedavisi azı dişi için kaç TL?");
        assert!(price.contains("5.000 TL") && !price.contains("hassasiyet"), "{price}");
        let address = "Caferağa Mah. Moda Cad. No: 42 Kat: 2, Kadıköy / İstanbul. Kadıköy iskelesine 7 dakika yürüme mesafesindeyiz.";
        assert_eq!(sentences(address).len(), 2, "abbreviations do not end a sentence");
        assert_eq!(answer_part("Tek cümlelik bir yanıt.", "Ne?"), "Tek cümlelik bir yanıt.");
    }

    #[tokio::test]
    async fn a_follow_up_is_understood_with_the_previous_question() {
        let history = [Turn { role: TurnRole::User, content: "İmplant yaptırmak istiyorum".into() }];
        let r = generate_reply(&bot(true), &kb(), &history, "Fiyatı ne kadar?", None).await;
        assert_eq!(r.knowledge_ids, ["k3"]);
    }

    #[tokio::test]
    async fn english_questions_to_a_turkish_bot_get_english_defaults() {
        let mut b = bot(true);
        b.fallback_message = None;
        let r = generate_reply(&b, &kb(), &[], "Do you sell pet food here?", None).await;
        assert_eq!(r.text, copy::fallback(Language::En));
    }

    #[test]
    fn lead_arguments_are_parsed_and_bad_ones_refused() {
        let ok = parse_lead(r#"{"name":"Ayşe","phone":"0532 123 45 67"}"#).unwrap();
        assert_eq!(ok.phone.as_deref(), Some("0532 123 45 67"));
        assert!(parse_lead(r#"{"name":"Ayşe"}"#).is_err(), "nothing to reach them by");
        assert!(parse_lead("{name: Ayşe").is_err());
        assert!(parse_lead(r#"{"phone": 5321234567}"#).is_err(), "wrong types");
    }

    mod with_a_model {
        use std::time::Duration;

        use secrecy::SecretString;
        use serde_json::json;
        use wiremock::matchers::method;
        use wiremock::{Mock, MockServer, ResponseTemplate};

        use super::*;

        fn client(server: &MockServer) -> LlmClient {
            LlmClient::new(LlmConfig {
                base_url: server.uri(),
                api_key: SecretString::from("sk-test".to_string()),
                timeout: Duration::from_millis(300),
                backoff: Duration::from_millis(5),
                ..LlmConfig::default()
            })
        }

        async fn answering(body: serde_json::Value) -> MockServer {
            let server = MockServer::start().await;
            Mock::given(method("POST"))
                .respond_with(ResponseTemplate::new(200).set_body_json(body))
                .mount(&server)
                .await;
            server
        }

        fn tool(name: &str, args: &str) -> serde_json::Value {
            json!({ "choices": [{ "message": { "content": null, "tool_calls": [
                { "id": "c1", "type": "function", "function": { "name": name, "arguments": args } }
            ]}}]})
        }

        #[tokio::test]
        async fn the_models_answer_is_used_with_the_matching_sources() {
            let server =
                answering(json!({ "choices": [{ "message": { "content": "Cumartesi 10:00-16:00 arası açığız." } }] }))
                    .await;
            let r = generate_reply(&bot(false), &kb(), &[], "Cumartesi açık mısınız?", Some(&client(&server))).await;
            assert_eq!((r.text.as_str(), r.mode), ("Cumartesi 10:00-16:00 arası açığız.", ReplyMode::Llm));
            assert_eq!(r.knowledge_ids, ["k1"]);
            let sent: serde_json::Value =
                serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
            assert_eq!(sent["model"], "gpt-4.1-mini");
            assert_eq!(sent["max_tokens"], 500);
            assert_eq!(sent["tools"].as_array().unwrap().len(), 2);
        }

        #[tokio::test]
        async fn a_lead_tool_call_without_text_thanks_the_customer() {
            let server = answering(tool("save_lead", r#"{"name":"Ali","email":"ali@example.com"}"#)).await;
            let r =
                generate_reply(&bot(false), &kb(), &[], "Beni arayın: ali@example.com", Some(&client(&server))).await;
            assert_eq!(r.lead.as_ref().and_then(|l| l.email.as_deref()), Some("ali@example.com"));
            assert!(r.text.starts_with("Teşekkürler"));
        }

        #[tokio::test]
        async fn the_handoff_tool_hands_off_with_the_bots_message() {
            let server = answering(tool("handoff_to_human", r#"{"reason":"complaint"}"#)).await;
            let r = generate_reply(&bot(false), &kb(), &[], "Şikayetim var", Some(&client(&server))).await;
            assert_eq!(r.handoff, Some(HandoffReason::ModelTool));
            assert_eq!(r.text, "Sizi bir yetkiliye aktarıyorum.");
        }

        #[tokio::test]
        async fn malformed_tool_arguments_fall_back_and_flag() {
            let server = answering(tool("save_lead", "{not json")).await;
            let r = generate_reply(&bot(false), &kb(), &[], "Numaram 0532", Some(&client(&server))).await;
            assert_eq!((r.mode, r.needs_attention), (ReplyMode::Fallback, true));
            assert_eq!(r.text, "Bunu bilmiyorum, yetkiliye bağlayayım mı?");
            assert!(r.error.unwrap().contains("save_lead"));
        }

        #[tokio::test]
        async fn the_model_cites_its_sources_and_an_answer_resting_on_none_is_a_refusal() {
            let cited = answering(
                json!({ "choices": [{ "message": { "content": "Moda Cad. No: 42'deyiz.\n[sources: k2, k99]" } }] }),
            )
            .await;
            let r = generate_reply(&bot(false), &kb(), &[], "Neredesiniz?", Some(&client(&cited))).await;
            assert_eq!((r.text.as_str(), r.mode), ("Moda Cad. No: 42'deyiz.", ReplyMode::Llm));
            assert_eq!(r.knowledge_ids, ["k2"], "an id the model was not given is dropped");

            let invented =
                answering(json!({ "choices": [{ "message": { "content": "Botoks 3.000 TL.\n[sources: none]" } }] }))
                    .await;
            let r = generate_reply(&bot(false), &kb(), &[], "Botoks yapıyor musunuz?", Some(&client(&invented))).await;
            assert_eq!((r.mode, !r.knowledge_gap, r.needs_attention), (ReplyMode::Fallback, false, true));
            assert!(!r.text.contains("Botoks"), "{}", r.text);

            let greeting = answering(json!({ "choices": [{ "message": { "content": "Merhaba! Size nasıl yardımcı olabilirim?\n[sources: none]" } }] })).await;
            let r = generate_reply(&bot(false), &kb(), &[], "Merhaba", Some(&client(&greeting))).await;
            assert_eq!((r.text.as_str(), r.mode), ("Merhaba! Size nasıl yardımcı olabilirim?", ReplyMode::Llm));
        }

        #[tokio::test]
        async fn a_failing_model_offers_a_person() {
            let down = MockServer::start().await;
            Mock::given(method("POST")).respond_with(ResponseTemplate::new(500)).mount(&down).await;
            let r = generate_reply(&bot(false), &kb(), &[], "Adresiniz?", Some(&client(&down))).await;
            assert_eq!(r.choices, [copy::person_choice(Language::Tr)]);
        }

        #[tokio::test]
        async fn an_empty_answer_or_a_dead_provider_falls_back_never_empty() {
            let server = answering(json!({ "choices": [{ "message": { "content": "  " } }] })).await;
            let r = generate_reply(&bot(false), &kb(), &[], "Adresiniz?", Some(&client(&server))).await;
            assert_eq!(r.mode, ReplyMode::Fallback);
            assert!(!r.text.is_empty());

            let down = MockServer::start().await;
            Mock::given(method("POST")).respond_with(ResponseTemplate::new(500)).mount(&down).await;
            let r = generate_reply(&bot(false), &kb(), &[], "Adresiniz?", Some(&client(&down))).await;
            assert_eq!((r.mode, r.needs_attention), (ReplyMode::Fallback, true));
            assert!(r.error.unwrap().contains("500"));

            let slow = MockServer::start().await;
            Mock::given(method("POST"))
                .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(2)))
                .mount(&slow)
                .await;
            let r = generate_reply(&bot(false), &kb(), &[], "Adresiniz?", Some(&client(&slow))).await;
            assert!(r.error.unwrap().contains("timed out"));
        }

        #[tokio::test]
        async fn faq_mode_never_calls_the_model() {
            let server = answering(json!({ "choices": [{ "message": { "content": "x" } }] })).await;
            let r = generate_reply(&bot(true), &kb(), &[], "Adresiniz nerede?", Some(&client(&server))).await;
            assert_eq!(r.mode, ReplyMode::Offline);
            assert!(server.received_requests().await.unwrap().is_empty());
        }
    }
}
