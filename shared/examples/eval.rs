//! `make eval`: the offline knowledge-base answerer over businesses of different kinds.
//!
//! Each fixture (`tests/data/eval/*.json`) is a knowledge base with customer questions written
//! separately from its items, each marked `dev` or `val`, and multi-turn conversations. Tuning
//! looks at the development half only: misses are listed for `dev`, while `val` prints figures
//! alone. For every business and half it prints the right item on in-scope questions, the right
//! refusals on out-of-scope ones, the multi-turn turns answered right, and the time per query;
//! then the totals and the gap between the halves (a large gap means overfitting).
//!
//! `cargo run --release -p shared --example eval -- [DIR or FILE ...] [--show dev|val|none]`

use std::time::{Duration, Instant};

use serde::Deserialize;
use shared::ai::{BotProfile, KnowledgeBase, KnowledgeItem, Language, Turn, TurnRole, generate_reply};

#[derive(Deserialize)]
struct Fixture {
    business: String,
    knowledge: Vec<Item>,
    questions: Vec<Question>,
    #[serde(default)]
    conversations: Vec<Conversation>,
}

#[derive(Deserialize)]
struct Item {
    id: String,
    title: String,
    question: String,
    answer: String,
}

/// One id, several acceptable ids, or none (the bot must refuse).
#[derive(Deserialize, Default, Clone)]
#[serde(untagged)]
enum Expect {
    One(String),
    Any(Vec<String>),
    #[default]
    Refuse,
}

impl Expect {
    fn accepts(&self, answered: Option<&str>) -> bool {
        match (self, answered) {
            (Self::Refuse, None) => true,
            (Self::One(id), Some(a)) => id == a,
            (Self::Any(ids), Some(a)) => ids.iter().any(|i| i == a),
            _ => false,
        }
    }
    fn in_scope(&self) -> bool {
        !matches!(self, Self::Refuse)
    }
    fn label(&self) -> String {
        match self {
            Self::One(id) => id.clone(),
            Self::Any(ids) => ids.join("|"),
            Self::Refuse => "refuse".into(),
        }
    }
}

#[derive(Deserialize)]
struct Question {
    q: String,
    #[serde(default)]
    expect: Option<Expect>,
    /// `dev` or `val`; the original clinic set has none and counts as `dev`.
    #[serde(default)]
    split: Option<String>,
    #[serde(default)]
    kind: Option<String>,
}

#[derive(Deserialize)]
struct Conversation {
    split: String,
    turns: Vec<TurnCase>,
}

#[derive(Deserialize)]
struct TurnCase {
    q: String,
    #[serde(default)]
    expect: Option<Expect>,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    in_scope: usize,
    right: usize,
    out_scope: usize,
    refused: usize,
    turns: usize,
    turns_right: usize,
    queries: usize,
    time: Duration,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.in_scope += o.in_scope;
        self.right += o.right;
        self.out_scope += o.out_scope;
        self.refused += o.refused;
        self.turns += o.turns;
        self.turns_right += o.turns_right;
        self.queries += o.queries;
        self.time += o.time;
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 { f64::NAN } else { 100.0 * a as f64 / b as f64 }
}

fn bot_for(business: &str) -> BotProfile {
    BotProfile {
        business_name: business.into(),
        bot_name: "Asistan".into(),
        language: Language::Tr,
        model: String::new(),
        faq_mode: true,
        fallback_message: None,
        handoff_message: None,
        description: String::new(),
        instructions: String::new(),
    }
}

fn fixtures(args: &[String]) -> Vec<(String, Fixture)> {
    let mut paths = Vec::new();
    for arg in args {
        let p = std::path::Path::new(arg);
        if p.is_dir() {
            let mut inside: Vec<_> = std::fs::read_dir(p)
                .expect("the fixture folder")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            inside.sort();
            paths.extend(inside);
        } else {
            paths.push(p.to_path_buf());
        }
    }
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or("?").to_string();
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let fixture = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, fixture)
        })
        .collect()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut show = "dev".to_string();
    if let Some(i) = args.iter().position(|a| a == "--show") {
        show = args.get(i + 1).cloned().unwrap_or_default();
        args.drain(i..(i + 2).min(args.len()));
    }
    if args.is_empty() {
        args.push("tests/data/eval".into());
    }
    let sweep = args.iter().position(|a| a == "--sweep").map(|i| args.remove(i)).is_some();
    let mut sweep_points: Vec<(String, bool, Option<String>, Expect, f32)> = Vec::new();
    let mut totals: std::collections::BTreeMap<String, Tally> = Default::default();
    let mut kinds: std::collections::BTreeMap<(String, String), (usize, usize)> = Default::default();
    let mut rows = Vec::new();
    for (name, fixture) in fixtures(&args) {
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
        let kb = KnowledgeBase::new(items);
        let bot = bot_for(&fixture.business);
        let mut tallies: std::collections::BTreeMap<String, Tally> = Default::default();
        for q in &fixture.questions {
            let split = q.split.clone().unwrap_or_else(|| "dev".into());
            let expect = q.expect.clone().unwrap_or_default();
            if sweep {
                let top = kb.index.search(&q.q, 1);
                let top = top.first();
                sweep_points.push((
                    split.clone(),
                    false,
                    top.map(|h| h.id.clone()),
                    expect.clone(),
                    top.map_or(0.0, |h| h.confidence),
                ));
            }
            let t = Instant::now();
            let reply = generate_reply(&bot, &kb, &[], &q.q, None).await;
            let took = t.elapsed();
            let answered = reply.knowledge_ids.first().map(String::as_str);
            let ok = expect.accepts(answered);
            let tally = tallies.entry(split.clone()).or_default();
            tally.queries += 1;
            tally.time += took;
            if expect.in_scope() {
                tally.in_scope += 1;
                tally.right += usize::from(ok);
            } else {
                tally.out_scope += 1;
                tally.refused += usize::from(ok);
            }
            let kind = q.kind.clone().unwrap_or_else(|| "-".into());
            let k = kinds.entry((split.clone(), kind.clone())).or_default();
            k.0 += usize::from(ok);
            k.1 += 1;
            if !ok && show == split {
                let top = kb.index.search(&q.q, 1);
                println!(
                    "MISS {name:<20} {kind:<13} {:<60} expected {:<9} answered {} ({:.2}) top {}",
                    q.q.chars().take(60).collect::<String>(),
                    expect.label(),
                    answered.unwrap_or("REFUSED"),
                    reply.confidence,
                    top.first().map_or("-", |h| h.id.as_str())
                );
            }
        }
        for c in &fixture.conversations {
            let mut history: Vec<Turn> = Vec::new();
            for (i, turn) in c.turns.iter().enumerate() {
                let expect = turn.expect.clone().unwrap_or_default();
                let reply = generate_reply(&bot, &kb, &history, &turn.q, None).await;
                let answered = reply.knowledge_ids.first().map(String::as_str);
                let ok = expect.accepts(answered);
                let tally = tallies.entry(c.split.clone()).or_default();
                tally.turns += 1;
                tally.turns_right += usize::from(ok);
                if !ok && show == c.split {
                    println!(
                        "MISS {name:<20} turn {i:<8} {:<60} expected {:<9} answered {}",
                        turn.q.chars().take(60).collect::<String>(),
                        expect.label(),
                        answered.unwrap_or("REFUSED")
                    );
                }
                history.push(Turn { role: TurnRole::User, content: turn.q.clone() });
                history.push(Turn { role: TurnRole::Bot, content: reply.text.clone() });
            }
        }
        for (split, t) in tallies {
            totals.entry(split.clone()).or_default().add(&t);
            rows.push((name.clone(), split, t));
        }
    }
    println!();
    println!(
        "{:<22} {:<5} {:>16} {:>18} {:>16} {:>10}",
        "business", "half", "right item", "right refusals", "multi-turn", "µs/query"
    );
    let line = |name: &str, split: &str, t: &Tally| {
        println!(
            "{:<22} {:<5} {:>7}/{:<3} {:>5.1}% {:>8}/{:<3} {:>5.1}% {:>6}/{:<3} {:>5.1}% {:>10.1}",
            name,
            split,
            t.right,
            t.in_scope,
            pct(t.right, t.in_scope),
            t.refused,
            t.out_scope,
            pct(t.refused, t.out_scope),
            t.turns_right,
            t.turns,
            pct(t.turns_right, t.turns),
            if t.queries == 0 { 0.0 } else { t.time.as_secs_f64() * 1e6 / t.queries as f64 }
        );
    };
    for (name, split, t) in &rows {
        line(name, split, t);
    }
    for (split, t) in &totals {
        line("ALL", split, t);
    }
    if let (Some(d), Some(v)) = (totals.get("dev"), totals.get("val")) {
        println!(
            "gap dev - val: right item {:+.1} pp, right refusals {:+.1} pp, multi-turn {:+.1} pp",
            pct(d.right, d.in_scope) - pct(v.right, v.in_scope),
            pct(d.refused, d.out_scope) - pct(v.refused, v.out_scope),
            pct(d.turns_right, d.turns) - pct(v.turns_right, v.turns)
        );
    }
    if sweep {
        println!("threshold sweep on the dev half (top hit only): threshold right-item right-refusals");
        for t in (10..=60).step_by(5) {
            let t = t as f32 / 100.0;
            let (mut r, mut n, mut rr, mut nn) = (0, 0, 0, 0);
            for (split, _, top, expect, conf) in &sweep_points {
                if split != "dev" {
                    continue;
                }
                let answered = if *conf >= t { top.as_deref() } else { None };
                if expect.in_scope() {
                    n += 1;
                    r += usize::from(expect.accepts(answered));
                } else {
                    nn += 1;
                    rr += usize::from(answered.is_none());
                }
            }
            println!("  {t:.2}  {:.1} %  {:.1} %", pct(r, n), pct(rr, nn));
        }
    }
    println!();
    println!("by kind (right / total): dev | val");
    let names: std::collections::BTreeSet<&String> = kinds.keys().map(|(_, k)| k).collect();
    for kind in names {
        let get = |s: &str| kinds.get(&(s.to_string(), kind.clone())).copied().unwrap_or((0, 0));
        let (d, v) = (get("dev"), get("val"));
        println!(
            "  {kind:<14} {:>3}/{:<3} {:>5.1}% | {:>3}/{:<3} {:>5.1}%",
            d.0,
            d.1,
            pct(d.0, d.1),
            v.0,
            v.1,
            pct(v.0, v.1)
        );
    }
}
