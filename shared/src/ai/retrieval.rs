//! Knowledge-base retrieval: a BM25F index over knowledge items and a
//! calibrated confidence for "answer from this item or refuse".
//!
//! This module owns indexing and scoring; all language work (folding,
//! stemming, stop words, synonyms) lives in `super::text`.
//!
//! ## Scoring
//!
//! Every analysed word contributes up to three index terms: its stem, its
//! lexicon concept (`#price`, `#location`, …) and a 5-letter prefix; adjacent
//! words also form a bigram term. Each term is scored with BM25F (k1 = 1.2,
//! b = 0.75, per-field length normalisation), with title and question
//! weighted above the answer because they state what the item is *about*,
//! while answers mention many incidental words. Exact stems weigh more than
//! concepts, which weigh more than prefixes. Field-weighted, length-normalised
//! and saturated term frequencies depend only on the document, so they are
//! precomputed at build time and a query is a plain walk over posting lists.
//!
//! ## Confidence
//!
//! BM25 scores are not comparable across queries, so confidence is built from
//! two bounded signals:
//! * **coverage**: the IDF-weighted share of the query's informative words
//!   that the item matches. Words unknown to the whole knowledge base get the
//!   highest IDF, so "Botoks fiyatınız nedir?" (only `fiyat` is known, and it
//!   is common) covers little even though it shares a word with price items.
//!   Numbers no item contains (ages, dates, quantities) weigh nothing.
//!   A word matched only in the answer (not title/question) or only by prefix
//!   earns partial credit.
//! * **margin**: how far the best item is ahead of the runner-up, so
//!   ambiguous questions are less confident.
//!
//! `confidence = coverage × (MARGIN_FLOOR + (1 − MARGIN_FLOOR) × margin)`.

use std::collections::HashMap;

use super::text::{self, Language, Term};

/// Confidence at or above which an item is considered a safe basis for an
/// answer. Chosen on the bundled Turkish dental-clinic fixture (a dev set of
/// in-scope and out-of-scope questions); see the eval example.
pub const DEFAULT_THRESHOLD: f32 = 0.45;

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Field weights: title, question, answer.
const FIELD_WEIGHTS: [f32; 3] = [2.0, 2.0, 1.0];

/// Relative weight of each term kind in the score.
const W_STEM: f32 = 1.0;
const W_CONCEPT: f32 = 0.7;
const W_PREFIX: f32 = 0.3;
const W_BIGRAM: f32 = 0.5;

/// Coverage credit for a word found only in the answer, and for a
/// prefix-only match (multiplied together when both apply).
const ANSWER_ONLY_CREDIT: f32 = 0.7;
const PREFIX_CREDIT: f32 = 0.5;

/// Share of confidence that does not depend on the margin over the runner-up.
const MARGIN_FLOOR: f32 = 0.6;

/// Weight, in coverage, of a verb no item knows (`gelebilir miyim`, `yaptırmak`): the topic
/// of a question is in its nouns, so an unmatched verb weighs less than an unmatched noun.
const UNKNOWN_VERB_WEIGHT: f32 = 0.35;

/// Coverage credit of a word matched only as a one-edit typo of an item's word
/// (`iptl` → `iptal`, `asansr` → `asansör`), and its weight in the score.
const TYPO_CREDIT: f32 = 0.7;
const W_TYPO: f32 = 0.7;
/// Shortest word whose one-edit neighbours are looked up (shorter words have too many).
const TYPO_MIN_CHARS: usize = 4;

/// A knowledge item to index.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub question: &'a str,
    pub answer: &'a str,
}

/// One search result.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    pub id: String,
    /// Raw BM25F score; only comparable within one query.
    pub score: f32,
    /// Calibrated 0..1 confidence; compare with [`DEFAULT_THRESHOLD`].
    pub confidence: f32,
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    /// Saturated BM25F term frequency `tf' / (k1 + tf')`.
    sat: f32,
    /// Whether the term occurs in the title or question.
    head: bool,
}

/// Inverted index over knowledge items, built once and reused.
#[derive(Debug, Clone)]
pub struct Index {
    ids: Vec<String>,
    terms: HashMap<String, u32>,
    /// CSR layout: postings of term `t` are `postings[offsets[t]..offsets[t+1]]`.
    offsets: Vec<u32>,
    postings: Vec<Posting>,
    idf: Vec<f32>,
    /// IDF of a term no item contains: the largest possible.
    idf_unknown: f32,
    /// One-deletion neighbourhood of every word stem (SymSpell's idea): a stem with one letter
    /// removed, and the stem itself, lead to the stems they come from, so a query word one
    /// edit away from an item's word (insertion, deletion, substitution) finds it.
    deletions: HashMap<String, Vec<u32>>,
}

/// `word` with each one letter left out in turn.
fn one_deleted(word: &str) -> impl Iterator<Item = String> + '_ {
    word.char_indices().map(move |(i, c)| {
        let mut s = String::with_capacity(word.len());
        s.push_str(&word[..i]);
        s.push_str(&word[i + c.len_utf8()..]);
        s
    })
}

fn bm25_idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

fn bigram_key(a: &str, b: &str) -> String {
    let mut k = String::with_capacity(a.len() + b.len() + 1);
    k.push_str(a);
    k.push(' ');
    k.push_str(b);
    k
}

fn prefix_key(p: &str) -> String {
    let mut k = String::with_capacity(p.len() + 1);
    k.push('~');
    k.push_str(p);
    k
}

/// Index terms of one analysed field, in the order they should be counted.
fn field_terms(terms: &[Term], mut emit: impl FnMut(String, f32)) {
    for t in terms {
        for k in &t.stems {
            emit(k.clone(), t.weight);
        }
        if let Some(c) = t.concept {
            emit(c.to_string(), t.weight);
        }
        if let Some(p) = &t.prefix {
            emit(prefix_key(p), t.weight);
        }
    }
    for pair in terms.windows(2) {
        emit(bigram_key(pair[0].primary(), pair[1].primary()), 1.0);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Stem,
    Concept,
    Prefix,
}

/// One information need of the query: a word, or all words sharing a
/// lexicon concept (`kredi kartı taksit` is one payment need, and
/// `fiyat/ücret` in one question are one price need).
struct Group<'q> {
    stems: Vec<&'q str>,
    prefixes: Vec<&'q str>,
    concept: Option<&'static str>,
    weight: f32,
    verbal: bool,
}

fn group_terms(words: &[Term]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::with_capacity(words.len());
    for w in words {
        let existing = match w.concept {
            Some(c) => groups.iter_mut().find(|g| g.concept == Some(c)),
            None => groups
                .iter_mut()
                .find(|g| g.concept.is_none() && g.stems.first().copied() == w.stems.first().map(String::as_str)),
        };
        let g = match existing {
            Some(g) => g,
            None => {
                groups.push(Group {
                    stems: Vec::new(),
                    prefixes: Vec::new(),
                    concept: w.concept,
                    weight: w.weight,
                    verbal: w.verbal,
                });
                groups.last_mut().expect("just pushed")
            }
        };
        g.weight = g.weight.max(w.weight);
        g.verbal &= w.verbal;
        for s in &w.stems {
            if !g.stems.contains(&s.as_str()) {
                g.stems.push(s);
            }
        }
        if let Some(p) = &w.prefix
            && !g.prefixes.contains(&p.as_str())
        {
            g.prefixes.push(p);
        }
    }
    groups
}

impl Index {
    /// Builds the index. Items are analysed in the language detected from
    /// the whole item, so a short title is stemmed like its answer.
    pub fn build<'a>(docs: impl IntoIterator<Item = Doc<'a>>) -> Index {
        let mut ids = Vec::new();
        let mut terms: HashMap<String, u32> = HashMap::new();
        // Per doc: (term id, tf per field), and field lengths.
        let mut doc_tfs: Vec<Vec<(u32, [f32; 3])>> = Vec::new();
        let mut doc_lens: Vec<[f32; 3]> = Vec::new();
        let mut local: HashMap<u32, usize> = HashMap::new();

        for d in docs {
            let lang: Language = text::detect_lang(&format!("{} {} {}", d.title, d.question, d.answer));
            let mut tfs: Vec<(u32, [f32; 3])> = Vec::new();
            let mut lens = [0f32; 3];
            local.clear();
            for (f, field) in [d.title, d.question, d.answer].into_iter().enumerate() {
                let analysed = text::analyze_as(field, lang);
                lens[f] = analysed.len() as f32;
                field_terms(&analysed, |key, w| {
                    let next = terms.len() as u32;
                    let id = *terms.entry(key).or_insert(next);
                    let slot = *local.entry(id).or_insert_with(|| {
                        tfs.push((id, [0.0; 3]));
                        tfs.len() - 1
                    });
                    tfs[slot].1[f] += w;
                });
            }
            ids.push(d.id.to_string());
            doc_tfs.push(tfs);
            doc_lens.push(lens);
        }

        let n = ids.len();
        let mut avg = [0f32; 3];
        for l in &doc_lens {
            for f in 0..3 {
                avg[f] += l[f];
            }
        }
        for a in &mut avg {
            *a = if n > 0 { (*a / n as f32).max(1.0) } else { 1.0 };
        }

        let nterms = terms.len();
        let mut df = vec![0u32; nterms];
        for tfs in &doc_tfs {
            for (t, _) in tfs {
                df[*t as usize] += 1;
            }
        }
        let mut offsets = vec![0u32; nterms + 1];
        for t in 0..nterms {
            offsets[t + 1] = offsets[t] + df[t];
        }
        let mut fill: Vec<u32> = offsets[..nterms].to_vec();
        let mut postings = vec![Posting { doc: 0, sat: 0.0, head: false }; offsets[nterms] as usize];
        for (doc, (tfs, lens)) in doc_tfs.iter().zip(&doc_lens).enumerate() {
            for (t, tf) in tfs {
                let mut pseudo = 0f32;
                for f in 0..3 {
                    if tf[f] > 0.0 {
                        let norm = 1.0 - B + B * lens[f] / avg[f];
                        pseudo += FIELD_WEIGHTS[f] * tf[f] / norm;
                    }
                }
                let slot = &mut fill[*t as usize];
                postings[*slot as usize] =
                    Posting { doc: doc as u32, sat: pseudo / (K1 + pseudo), head: tf[0] > 0.0 || tf[1] > 0.0 };
                *slot += 1;
            }
        }
        let idf = df.iter().map(|&d| bm25_idf(n, d as usize)).collect();
        let mut deletions: HashMap<String, Vec<u32>> = HashMap::new();
        for (key, &id) in &terms {
            // Word stems only: not concepts (`#…`), prefixes (`~…`), bigrams or numbers.
            if key.chars().count() < TYPO_MIN_CHARS || !key.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            deletions.entry(key.clone()).or_default().push(id);
            for d in one_deleted(key) {
                deletions.entry(d).or_default().push(id);
            }
        }
        Index { ids, terms, offsets, postings, idf, idf_unknown: bm25_idf(n, 0), deletions }
    }

    /// Number of indexed items.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn postings_of(&self, term: u32) -> &[Posting] {
        let t = term as usize;
        &self.postings[self.offsets[t] as usize..self.offsets[t + 1] as usize]
    }

    /// Stems of the index one edit away from one of `stems`.
    fn typo_neighbours(&self, stems: &[&str]) -> Vec<u32> {
        let mut out = Vec::new();
        for stem in stems.iter().filter(|s| s.chars().count() >= TYPO_MIN_CHARS && s.is_ascii()) {
            // Deleting one letter from either side covers all three edits: the query has an
            // extra letter (its deletion is the stem), lacks one (it is the stem's deletion),
            // or has another (both deletions meet).
            for key in std::iter::once(stem.to_string()).chain(one_deleted(stem)) {
                for &id in self.deletions.get(&key).into_iter().flatten() {
                    if !out.contains(&id) {
                        out.push(id);
                    }
                }
            }
        }
        out.truncate(4);
        out
    }

    /// Best items for `query`, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        if self.is_empty() || limit == 0 {
            return Vec::new();
        }
        let words = text::analyze(query);
        if words.is_empty() {
            return Vec::new();
        }
        let n = self.len();
        let mut score = vec![0f32; n];
        let mut cov = vec![0f32; n];
        // Per doc, for the need being scored: best coverage credit and best
        // stem / prefix contribution. `mark` says which word they belong to, so they
        // need no reset between words.
        let mut credit = vec![0f32; n];
        let mut best = vec![[0f32; 2]; n];
        let mut mark = vec![u32::MAX; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut total_weight = 0f32;

        let mut stem_ids: Vec<u32> = Vec::with_capacity(4);
        let mut prefix_ids: Vec<u32> = Vec::with_capacity(4);
        for (gi, g) in group_terms(&words).iter().enumerate() {
            stem_ids.clear();
            stem_ids.extend(g.stems.iter().filter_map(|k| self.terms.get(*k).copied()));
            prefix_ids.clear();
            prefix_ids.extend(g.prefixes.iter().filter_map(|p| self.terms.get(&prefix_key(p)).copied()));
            let concept_id = g.concept.and_then(|c| self.terms.get(c).copied());
            // A word no item knows, by stem, concept or prefix, may be a typo of one it does.
            let typo_ids: Vec<u32> = if stem_ids.is_empty() && concept_id.is_none() && prefix_ids.is_empty() {
                self.typo_neighbours(&g.stems)
            } else {
                Vec::new()
            };
            // A word understood through the lexicon is as informative as its
            // concept; otherwise as its stem. Unknown words get the maximum.
            let rep_idf = match (g.concept, concept_id, stem_ids.first().or(typo_ids.first())) {
                (Some(_), Some(c), _) => self.idf[c as usize],
                (Some(_), None, _) => self.idf_unknown,
                (None, _, Some(&s)) => self.idf[s as usize],
                (None, _, None) => self.idf_unknown,
            };
            let unknown = concept_id.is_none() && stem_ids.is_empty() && typo_ids.is_empty() && prefix_ids.is_empty();
            let kind_weight = if unknown && g.verbal { UNKNOWN_VERB_WEIGHT } else { 1.0 };
            // A number no item contains (an age, a date, a quantity) says
            // nothing about the topic: it must not count as an unmatched need.
            let unknown_number = g.weight < 1.0 && g.concept.is_none() && stem_ids.is_empty();
            let cw = if unknown_number { 0.0 } else { rep_idf * g.weight * kind_weight };
            total_weight += cw;
            let gi = gi as u32;

            let features = stem_ids
                .iter()
                .map(|&id| (id, W_STEM, 1.0, Slot::Stem))
                .chain(concept_id.map(|id| (id, W_CONCEPT, 1.0, Slot::Concept)))
                .chain(prefix_ids.iter().map(|&id| (id, W_PREFIX, PREFIX_CREDIT, Slot::Prefix)))
                .chain(typo_ids.iter().map(|&id| (id, W_TYPO, TYPO_CREDIT, Slot::Stem)));
            for (id, kind_w, kind_credit, slot) in features {
                let qw = self.idf[id as usize] * kind_w * g.weight;
                for p in self.postings_of(id) {
                    let d = p.doc as usize;
                    if mark[d] == u32::MAX {
                        touched.push(p.doc);
                    }
                    if mark[d] != gi {
                        mark[d] = gi;
                        credit[d] = 0.0;
                        best[d] = [0.0; 2];
                    }
                    let v = qw * p.sat;
                    match slot {
                        // Alternative stems (and prefixes) of one need are
                        // readings of the same thing: take the best one.
                        Slot::Stem | Slot::Prefix => {
                            let b = &mut best[d][(slot == Slot::Prefix) as usize];
                            if v > *b {
                                score[d] += v - *b;
                                *b = v;
                            }
                        }
                        Slot::Concept => score[d] += v,
                    }
                    let c = kind_credit * if p.head { 1.0 } else { ANSWER_ONLY_CREDIT };
                    if c > credit[d] {
                        cov[d] += (c - credit[d]) * cw;
                        credit[d] = c;
                    }
                }
            }
        }
        for pair in words.windows(2) {
            let key = bigram_key(pair[0].primary(), pair[1].primary());
            if let Some(&id) = self.terms.get(&key) {
                let qw = self.idf[id as usize] * W_BIGRAM;
                for p in self.postings_of(id) {
                    // A doc with the bigram contains both words, so it is
                    // already in `touched`.
                    score[p.doc as usize] += qw * p.sat;
                }
            }
        }
        if touched.is_empty() || total_weight <= 0.0 {
            return Vec::new();
        }

        let by_score = |a: &u32, b: &u32| score[*b as usize].total_cmp(&score[*a as usize]).then(a.cmp(b));
        let keep = limit.max(2).min(touched.len());
        if keep < touched.len() {
            touched.select_nth_unstable_by(keep - 1, by_score);
            touched.truncate(keep);
        }
        touched.sort_unstable_by(by_score);

        let s1 = score[touched[0] as usize];
        let s2 = touched.get(1).map_or(0.0, |&d| score[d as usize]);
        let margin = if s1 > 0.0 { ((s1 - s2) / s1).clamp(0.0, 1.0) } else { 0.0 };
        touched
            .iter()
            .take(limit)
            .enumerate()
            .map(|(rank, &d)| {
                let d = d as usize;
                let coverage = (cov[d] / total_weight).clamp(0.0, 1.0);
                let m = if rank == 0 { margin } else { 0.0 };
                Hit {
                    id: self.ids[d].clone(),
                    score: score[d],
                    confidence: coverage * (MARGIN_FLOOR + (1.0 - MARGIN_FLOOR) * m),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_one_edit_away_from_an_items_word_still_finds_it() {
        let index = Index::build([
            Doc {
                id: "iptal",
                title: "Randevu iptali",
                question: "Randevumu nasıl iptal ederim?",
                answer: "24 saat önce haber verin.",
            },
            Doc {
                id: "asansor",
                title: "Asansör",
                question: "Binada asansör var mı?",
                answer: "Evet, asansörümüz var.",
            },
        ]);
        for (typo, id) in [("randevumu iptl etmek", "iptal"), ("asansr var mi", "asansor"), ("asnasör", "asansor")] {
            let hits = index.search(typo, 1);
            assert_eq!(hits.first().map(|h| h.id.as_str()), Some(id), "{typo}");
        }
        assert!(index.search("otopark", 1).is_empty(), "no neighbour, no match");
    }

    fn kb() -> Index {
        let items = [
            (
                "hours",
                "Çalışma saatleri",
                "Hangi saatlerde açıksınız?",
                "Hafta içi 09:00-19:00, cumartesi 10:00-16:00 açığız. Pazar kapalıyız.",
            ),
            ("address", "Adres", "Neredesiniz?", "Moda Cad. No: 42, Kadıköy / İstanbul."),
            ("booking", "Randevu alma", "Nasıl randevu alabilirim?", "Adınızı ve telefonunuzu bırakın, sizi arayalım."),
            (
                "cancel",
                "Randevu iptali",
                "Randevumu nasıl iptal ederim?",
                "En az 24 saat önceden arayarak iptal edebilirsiniz.",
            ),
            ("price", "Muayene ücreti", "Muayene ücreti ne kadar?", "İlk muayene 750 TL'dir."),
            ("payment", "Ödeme", "Taksit yapıyor musunuz?", "Kredi kartına 6 taksit yapıyoruz, nakit de geçerli."),
        ];
        Index::build(items.iter().map(|(id, t, q, a)| Doc { id, title: t, question: q, answer: a }))
    }

    fn top(idx: &Index, q: &str) -> Option<Hit> {
        idx.search(q, 3).into_iter().next()
    }

    #[test]
    fn empty_kb_returns_no_hits() {
        let idx = Index::build(Vec::<Doc>::new());
        assert!(idx.is_empty());
        assert_eq!(idx.len(), 0);
        assert!(idx.search("randevu", 5).is_empty());
    }

    #[test]
    fn empty_or_stop_word_only_query_returns_no_hits() {
        let idx = kb();
        assert!(idx.search("", 5).is_empty());
        assert!(idx.search("   ?!  ", 5).is_empty());
        assert!(idx.search("ve bir mi", 5).is_empty());
    }

    #[test]
    fn zero_limit_returns_no_hits() {
        assert!(kb().search("randevu", 0).is_empty());
    }

    #[test]
    fn inflected_query_finds_the_right_item() {
        let idx = kb();
        assert_eq!(top(&idx, "Cumartesi açık mısınız?").unwrap().id, "hours");
        assert_eq!(top(&idx, "Kadıköy'de neredesiniz?").unwrap().id, "address");
        assert_eq!(top(&idx, "Randevumu iptal etmek istiyorum").unwrap().id, "cancel");
        assert_eq!(top(&idx, "randevu almak istiyorum").unwrap().id, "booking");
        assert_eq!(top(&idx, "muayene kaç para").unwrap().id, "price");
        assert_eq!(top(&idx, "kredi kartina taksit var mi").unwrap().id, "payment");
    }

    #[test]
    fn queries_without_turkish_letters_match_the_same_items() {
        let idx = kb();
        assert_eq!(top(&idx, "CALISMA SAATLERINIZ").unwrap().id, "hours");
        assert_eq!(top(&idx, "odeme secenekleri").unwrap().id, "payment");
    }

    #[test]
    fn english_query_reaches_turkish_items_through_the_lexicon() {
        let idx = kb();
        let hit = top(&idx, "What are your opening hours?").unwrap();
        assert_eq!(hit.id, "hours");
        assert!(hit.confidence >= DEFAULT_THRESHOLD, "{hit:?}");
    }

    #[test]
    fn in_scope_question_is_above_threshold() {
        let hit = top(&kb(), "Taksit yapıyor musunuz?").unwrap();
        assert!(hit.confidence >= DEFAULT_THRESHOLD, "{hit:?}");
        assert!(hit.confidence <= 1.0);
    }

    #[test]
    fn out_of_scope_question_sharing_a_common_word_is_below_threshold() {
        let idx = kb();
        for q in [
            "Botoks fiyatınız nedir?",
            "Saç ekimi yapıyor musunuz?",
            "Bugün hava nasıl olacak?",
            "Kargo ücreti ne kadar?",
        ] {
            if let Some(hit) = top(&idx, q) {
                assert!(hit.confidence < DEFAULT_THRESHOLD, "{q}: {hit:?}");
            }
        }
    }

    #[test]
    fn hits_are_sorted_and_confidence_is_bounded() {
        let hits = kb().search("randevu", 10);
        assert!(hits.len() >= 2);
        for w in hits.windows(2) {
            assert!(w[0].score >= w[1].score);
        }
        assert!(hits.iter().all(|h| (0.0..=1.0).contains(&h.confidence)));
    }

    #[test]
    fn ambiguous_query_is_less_confident_than_a_specific_one() {
        let idx = kb();
        let vague = top(&idx, "randevu").unwrap();
        let specific = top(&idx, "randevu iptali").unwrap();
        assert!(vague.confidence < specific.confidence, "{vague:?} {specific:?}");
    }

    #[test]
    fn a_number_no_item_contains_does_not_lower_confidence() {
        let idx = kb();
        let plain = top(&idx, "Muayene ücreti ne kadar?").unwrap();
        let with_number = top(&idx, "Muayene ücreti 2026 ne kadar?").unwrap();
        assert_eq!(with_number.id, "price");
        assert!((plain.confidence - with_number.confidence).abs() < 1e-6, "{plain:?} {with_number:?}");
        // A number the knowledge base knows still counts as evidence.
        let known = top(&idx, "750 TL").unwrap();
        assert_eq!(known.id, "price");
    }

    #[test]
    fn very_long_query_does_not_panic() {
        let idx = kb();
        let q: String = "randevu fiyat 😀 İstanbul ".chars().cycle().take(10_000).collect();
        let _ = idx.search(&q, 5);
        let junk = "ğ".repeat(10_000);
        let _ = idx.search(&junk, 5);
    }

    #[test]
    fn emoji_and_mixed_scripts_do_not_panic() {
        let idx = kb();
        let _ = idx.search("🦷😀 randevu 東京 Привет مرحبا", 5);
        assert!(idx.search("😀😀😀", 5).is_empty());
    }

    #[test]
    fn hit_serialises_with_its_fields() {
        fn assert_serialize<T: serde::Serialize>(_: &T) {}
        let hit = top(&kb(), "randevu").unwrap();
        assert_serialize(&hit);
    }
}
