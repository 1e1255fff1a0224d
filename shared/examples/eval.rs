//! `make eval`: the offline knowledge-base answerer over a knowledge base with questions
//! (default: the dental clinic's, `tests/data/kb-dis-klinigi.json`). For each question it
//! prints the item answered or the refusal, then top-1 accuracy on in-scope questions, the
//! share of out-of-scope questions refused, and the time per query.

use std::time::Instant;

use serde::Deserialize;
use shared::ai::{BotProfile, KnowledgeBase, KnowledgeItem, Lang, generate_reply};

#[derive(Deserialize)]
struct Fixture {
    business: String,
    knowledge: Vec<Item>,
    questions: Vec<Question>,
}

#[derive(Deserialize)]
struct Item {
    id: String,
    title: String,
    question: String,
    answer: String,
}

#[derive(Deserialize)]
struct Question {
    q: String,
    expect: Option<String>,
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "tests/data/kb-dis-klinigi.json".into());
    let fixture: Fixture = serde_json::from_str(&std::fs::read_to_string(&path).expect("the fixture")).expect("JSON");
    let items: Vec<KnowledgeItem> = fixture
        .knowledge
        .iter()
        .map(|k| KnowledgeItem {
            id: k.id.clone(),
            title: k.title.clone(),
            question: k.question.clone(),
            answer: k.answer.clone(),
        })
        .collect();
    let started = Instant::now();
    let kb = KnowledgeBase::new(items);
    let build = started.elapsed();
    let bot = BotProfile {
        business_name: fixture.business.clone(),
        bot_name: "Asistan".into(),
        language: Lang::Tr,
        model: String::new(),
        faq_mode: true,
        fallback_message: None,
        handoff_message: None,
    };
    let (mut in_scope, mut correct, mut out_scope, mut refused) = (0, 0, 0, 0);
    let mut total = std::time::Duration::ZERO;
    println!("{:<6} {:<58} {:<8} {:<9} confidence", "", "question", "expected", "answered");
    for q in &fixture.questions {
        let t = Instant::now();
        let reply = generate_reply(&bot, &kb, &[], &q.q, None).await;
        total += t.elapsed();
        let answered = reply.knowledge_ids.first().cloned();
        let ok = answered == q.expect;
        match &q.expect {
            Some(_) => {
                in_scope += 1;
                correct += usize::from(ok);
            }
            None => {
                out_scope += 1;
                refused += usize::from(answered.is_none());
            }
        }
        println!(
            "{:<6} {:<58} {:<8} {:<9} {:.2}",
            if ok { "ok" } else { "MISS" },
            q.q.chars().take(56).collect::<String>(),
            q.expect.as_deref().unwrap_or("refuse"),
            answered.as_deref().unwrap_or("REFUSED"),
            reply.confidence
        );
    }
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    println!();
    println!("in-scope top-1 accuracy: {correct}/{in_scope} = {:.1} %", pct(correct, in_scope));
    println!("out-of-scope refused:    {refused}/{out_scope} = {:.1} %", pct(refused, out_scope));
    println!(
        "time per query (offline answerer, {} items): {:.1} µs; index built in {:.2} ms",
        kb.items.len(),
        total.as_secs_f64() * 1e6 / fixture.questions.len() as f64,
        build.as_secs_f64() * 1e3
    );
    let _ = Lang::En;
}
