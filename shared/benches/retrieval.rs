//! `make bench`: retrieval over a 2,000-item knowledge base and prompt assembly.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use shared::ai::{BotProfile, KnowledgeBase, KnowledgeItem, Language, prompt};

const TOPICS: &[&str] = &[
    "randevu",
    "fiyat",
    "adres",
    "otopark",
    "ödeme",
    "taksit",
    "sigorta",
    "iade",
    "kargo",
    "garanti",
    "üyelik",
    "rezervasyon",
    "menü",
    "saat",
    "indirim",
    "kampanya",
    "teslimat",
    "iptal",
    "fatura",
    "destek",
];

fn knowledge(n: usize) -> Vec<KnowledgeItem> {
    (0..n)
        .map(|i| {
            let a = TOPICS[i % TOPICS.len()];
            let b = TOPICS[(i / TOPICS.len()) % TOPICS.len()];
            KnowledgeItem {
                id: format!("k{i:04}"),
                title: format!("{a} ve {b} hakkında bilgi {i}"),
                question: format!("{a} için {b} nasıl işliyor? Şube {i} için geçerli mi?"),
                answer: format!(
                    "{a} konusunda şube {i} hafta içi 09:00-18:00 arası hizmet verir; {b} için müşteri hizmetlerimizi arayabilirsiniz."
                ),
            }
        })
        .collect()
}

fn retrieval(c: &mut Criterion) {
    let kb = KnowledgeBase::new(knowledge(2000));
    c.bench_function("retrieval: search 2,000 items", |b| {
        b.iter(|| kb.index.search(black_box("Kargo ücreti ne kadar, taksit yapıyor musunuz?"), 5))
    });
    c.bench_function("retrieval: build index of 2,000 items", |b| b.iter(|| KnowledgeBase::new(knowledge(2000))));
    let bot = BotProfile {
        business_name: "Örnek Mağaza".into(),
        bot_name: "Asistan".into(),
        language: Language::Tr,
        model: "gpt-4.1-mini".into(),
        faq_mode: false,
        fallback_message: None,
        handoff_message: None,
        description: String::new(),
        instructions: String::new(),
    };
    c.bench_function("prompt: assemble for 2,000 items", |b| {
        b.iter(|| {
            let chosen = prompt::select_knowledge(&kb.items, &kb.index, "Kargo ücreti ne kadar?");
            prompt::messages(&bot, &chosen, &[], black_box("Kargo ücreti ne kadar?"))
        })
    });
}

criterion_group!(benches, retrieval);
criterion_main!(benches);
