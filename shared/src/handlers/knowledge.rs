//! A bot's knowledge base: items, CSV/JSON import (all or nothing) and export.

use lambda_http::Request;
use serde::{Deserialize, Serialize};

use super::bots::load;
use crate::auth::authenticate;
use crate::domain::Checks;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::http::{self, created, id_param, json_body, no_content, ok, query_param};
use crate::state::AppState;
use crate::store::bots::MAX_KNOWLEDGE_ITEMS;
use crate::store::knowledge::{self, KnowledgeError, KnowledgeItem};
use crate::store::page::Listing;

pub const MAX_TITLE: usize = 200;
pub const MAX_QUESTION: usize = 500;
pub const MAX_ANSWER: usize = 4000;
pub const MAX_ALTERNATIVES: usize = 10;
pub const MAX_ALTERNATIVE: usize = 300;
/// The largest import body: Lambda takes at most 6 MB in a synchronous request, so 2,000 items
/// of about 2,800 bytes each (a long answer) fit; larger knowledge bases import in parts.
const IMPORT_BODY_LIMIT: usize = 6 * 1024 * 1024;

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeInput {
    title: String,
    #[serde(default)]
    question: String,
    answer: String,
    #[serde(default)]
    alternatives: Vec<String>,
}

pub(crate) struct Checked {
    pub(crate) title: String,
    pub(crate) question: String,
    pub(crate) answer: String,
    pub(crate) alternatives: Vec<String>,
}

/// Alternative questions trimmed, blanks and repeats (by folded text) dropped, each checked.
pub(crate) fn check_alternatives(checks: &mut Checks, given: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in given.iter().enumerate() {
        // One line each (an export keeps one per line of its cell).
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = text.as_str();
        if text.is_empty() {
            continue;
        }
        if text.chars().count() > MAX_ALTERNATIVE {
            checks.fail(&format!("alternatives[{i}]"), "too_long", format!("at most {MAX_ALTERNATIVE} characters"));
            continue;
        }
        let folded = crate::ai::text::fold(text);
        if !out.iter().any(|o| crate::ai::text::fold(o) == folded) {
            out.push(text.to_string());
        }
    }
    if out.len() > MAX_ALTERNATIVES {
        checks.fail("alternatives", "too_many", format!("at most {MAX_ALTERNATIVES} alternative questions"));
    }
    out
}

pub(crate) fn check(input: &KnowledgeInput, row: Option<usize>) -> Result<Checked, Vec<FieldError>> {
    let mut checks = Checks::new();
    let title = checks.text("title", &input.title, 1, MAX_TITLE);
    let question = checks.text("question", &input.question, 0, MAX_QUESTION);
    let answer = checks.text("answer", &input.answer, 1, MAX_ANSWER);
    let alternatives = check_alternatives(&mut checks, &input.alternatives);
    match checks.finish() {
        Ok(()) => Ok(Checked { title, question, answer, alternatives }),
        Err(ApiError::Validation(mut errors)) => {
            for e in &mut errors {
                e.row = row;
            }
            Err(errors)
        }
        Err(_) => unreachable!("checks only produce validation errors"),
    }
}

fn new_item(bot_id: &crate::ids::BotId, c: Checked) -> KnowledgeItem {
    let now = crate::ids::now_rfc3339();
    KnowledgeItem {
        id: crate::ids::ItemId::generate(),
        bot_id: bot_id.into(),
        title: c.title,
        question: c.question,
        answer: c.answer,
        alternatives: c.alternatives,
        created_at: now.clone(),
        updated_at: now,
    }
}

fn full() -> ApiError {
    ApiError::Conflict {
        code: "knowledge_limit",
        detail: format!("A bot can hold at most {MAX_KNOWLEDGE_ITEMS} knowledge items."),
    }
}

fn store_error(e: KnowledgeError) -> ApiError {
    match e {
        KnowledgeError::Full => full(),
        KnowledgeError::NoBot => ApiError::NotFound,
        KnowledgeError::Store(e) => ApiError::Internal(e),
    }
}

/// `GET /bots/{bot_id}/knowledge`: newest first, paged.
#[tracing::instrument(skip_all)]
pub async fn list(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let listing = Listing::of(&req, format!("{}:knowledge:{}", caller.tenant_id, bot.id))?;
    let page = knowledge::page_of_bot(state, &caller.tenant_id, &bot.id, listing).await?;
    ok(&page)
}

/// `POST /bots/{bot_id}/knowledge`
#[tracing::instrument(skip_all)]
pub async fn create(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let input: KnowledgeInput = json_body(&req)?;
    let item = new_item(&bot.id, check(&input, None).map_err(ApiError::Validation)?);
    knowledge::create(state, &caller.tenant_id, &item).await.map_err(store_error)?;
    created(&item)
}

/// `PUT /bots/{bot_id}/knowledge/{item_id}`
#[tracing::instrument(skip_all)]
pub async fn update(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let item_id = crate::ids::ItemId::from(id_param(&req, "item_id")?);
    let mut item = knowledge::get_item(state, &caller.tenant_id, &bot.id, &item_id).await?.ok_or(ApiError::NotFound)?;
    let input: KnowledgeInput = json_body(&req)?;
    let checked = check(&input, None).map_err(ApiError::Validation)?;
    item.title = checked.title;
    item.question = checked.question;
    item.answer = checked.answer;
    item.alternatives = checked.alternatives;
    item.updated_at = crate::ids::now_rfc3339();
    if !knowledge::update(state, &caller.tenant_id, &item).await.map_err(store_error)? {
        return Err(ApiError::NotFound);
    }
    ok(&item)
}

/// `DELETE /bots/{bot_id}/knowledge/{item_id}`
#[tracing::instrument(skip_all)]
pub async fn delete(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    if knowledge::delete(state, &caller.tenant_id, &bot.id, &id_param(&req, "item_id")?.into()).await? {
        no_content()
    } else {
        Err(ApiError::NotFound)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportJson {
    items: Vec<KnowledgeInput>,
}

/// Reads the rows of an import body: CSV with a `title,question,answer` header (a UTF-8 BOM
/// is allowed, so an export imports back) or JSON `{items: [...]}`.
pub(crate) fn import_rows(req: &Request) -> ApiResult<Vec<KnowledgeInput>> {
    let body = http::body_bytes(req);
    if body.len() > IMPORT_BODY_LIMIT {
        return Err(ApiError::PayloadTooLarge { limit: IMPORT_BODY_LIMIT });
    }
    let content_type = http::header(req, "content-type").unwrap_or("application/json").to_ascii_lowercase();
    if content_type.starts_with("text/csv") {
        let text = csv_text(body);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter_of(text))
            .flexible(false)
            .trim(csv::Trim::None)
            .from_reader(text.as_bytes());
        let headers: Vec<&'static str> = reader
            .headers()
            .map_err(|e| ApiError::validation("header", "invalid_csv", e.to_string()))?
            .iter()
            .map(column_of)
            .collect();
        let column = |name: &str| headers.iter().position(|h| *h == name);
        let (Some(title), Some(answer)) = (column("title"), column("answer")) else {
            return Err(ApiError::validation(
                "header",
                "missing_columns",
                "the header must name title, question and answer (or Başlık, Soru, Cevap)",
            ));
        };
        let question = column("question");
        let alternatives = column("alternatives");
        let mut rows = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(|e| {
                ApiError::Validation(vec![FieldError {
                    row: Some(i + 1),
                    ..FieldError::new("row", "invalid_csv", e.to_string())
                }])
            })?;
            let cell = |c: Option<usize>| from_csv_cell(c.and_then(|c| record.get(c)).unwrap_or("")).to_string();
            rows.push(KnowledgeInput {
                title: cell(Some(title)),
                question: cell(question),
                answer: cell(Some(answer)),
                // One alternative question per line of the cell.
                alternatives: cell(alternatives).lines().map(str::to_owned).collect(),
            });
        }
        Ok(rows)
    } else if content_type.starts_with("application/json") {
        Ok(http::parse_json_bytes::<ImportJson>(body, IMPORT_BODY_LIMIT)?.items)
    } else {
        Err(ApiError::UnsupportedMediaType("Send text/csv or application/json.".into()))
    }
}

/// A CSV body as text: UTF-8 (with or without a BOM), or else Windows-1254, what Turkish Excel
/// saves "CSV" in.
fn csv_text(body: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(body) {
        Ok(text) => text.into(),
        Err(_) => encoding_rs::WINDOWS_1254.decode_without_bom_handling(body).0,
    }
}

/// `;` when the header line has more of them than commas (Turkish Excel, where the comma is the
/// decimal separator), `,` otherwise.
fn delimiter_of(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.matches(';').count() > header.matches(',').count() { b';' } else { b',' }
}

/// The column a header names, in English or Turkish (`Başlık`, `Soru`, `Cevap`/`Yanıt`,
/// `Alternatif sorular`); "" for any other.
fn column_of(header: &str) -> &'static str {
    match crate::ai::text::fold(header.trim()).as_str() {
        "title" | "baslik" => "title",
        "question" | "soru" => "question",
        "answer" | "cevap" | "yanit" => "answer",
        "alternatives" | "alternatif sorular" | "alternatifler" | "diger sorular" => "alternatives",
        _ => "",
    }
}

/// `POST /bots/{bot_id}/knowledge/import`: every row valid, or nothing imported.
#[tracing::instrument(skip_all)]
pub async fn import(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let rows = import_rows(&req)?;
    if rows.is_empty() {
        return Err(ApiError::validation("items", "required", "the import holds no rows"));
    }
    if rows.len() as u64 > MAX_KNOWLEDGE_ITEMS {
        return Err(full());
    }
    let mut errors = Vec::new();
    let mut items = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        match check(row, Some(i + 1)) {
            Ok(c) => items.push(new_item(&bot.id, c)),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        errors.truncate(100);
        return Err(ApiError::Validation(errors));
    }
    knowledge::import(state, &caller.tenant_id, &bot.id, &items).await.map_err(store_error)?;
    tracing::info!(bot_id = %bot.id, count = items.len(), "knowledge imported");
    created(&serde_json::json!({ "imported": items.len() }))
}

/// What a spreadsheet would read as a formula at the start of a cell (OWASP's CSV injection
/// list), and the quote that neutralises it.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
const NEUTRALISER: char = '\'';

/// A cell as exported: one that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+90…`)
/// starts with a `'`, which Excel and LibreOffice show as text. A cell that starts with `'`
/// gets one more, so [`from_csv_cell`] gives back exactly what was exported.
pub fn to_csv_cell(value: &str) -> std::borrow::Cow<'_, str> {
    match value.chars().next() {
        Some(c) if FORMULA_STARTS.contains(&c) || c == NEUTRALISER => format!("{NEUTRALISER}{value}").into(),
        _ => value.into(),
    }
}

/// An imported cell: the neutralising `'` of [`to_csv_cell`] taken off again.
pub fn from_csv_cell(value: &str) -> &str {
    value.strip_prefix(NEUTRALISER).unwrap_or(value)
}

/// CSV with a UTF-8 BOM (so Excel shows Turkish letters), every field quoted as needed and
/// neutralised against formula injection ([`to_csv_cell`]).
pub fn to_csv<const N: usize>(header: [&str; N], rows: impl IntoIterator<Item = [String; N]>) -> ApiResult<String> {
    to_csv_with(b',', header, rows)
}

/// [`to_csv`] with another delimiter (`;` for Turkish Excel).
pub fn to_csv_with<const N: usize>(
    delimiter: u8,
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
) -> ApiResult<String> {
    let mut writer =
        csv::WriterBuilder::new().delimiter(delimiter).quote_style(csv::QuoteStyle::Necessary).from_writer(Vec::new());
    writer.write_record(header).map_err(ApiError::internal)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| to_csv_cell(cell).into_owned())).map_err(ApiError::internal)?;
    }
    let bytes = writer.into_inner().map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?;
    Ok(format!("\u{feff}{}", String::from_utf8(bytes).map_err(ApiError::internal)?))
}

/// `GET /bots/{bot_id}/knowledge/export?format=csv|json`
#[tracing::instrument(skip_all)]
pub async fn export(state: &AppState, req: Request) -> ApiResult {
    let caller = authenticate(state, &req).await?;
    let bot = load(state, &caller, &id_param(&req, "bot_id")?).await?;
    let items = knowledge::all(state, &caller.tenant_id, &bot.id).await?;
    let turkish = query_param(&req, "locale").as_deref() == Some("tr");
    match query_param(&req, "format").as_deref() {
        None | Some("csv") => {
            let rows = items.into_iter().map(|k| [k.title, k.question, k.answer, k.alternatives.join("\n")]);
            // Turkish Excel reads `;`-separated CSV with Turkish headers; both import back.
            let csv = if turkish {
                to_csv_with(b';', ["Başlık", "Soru", "Cevap", "Alternatif sorular"], rows)?
            } else {
                to_csv(["title", "question", "answer", "alternatives"], rows)?
            };
            http::download("text/csv; charset=utf-8", if turkish { "bilgi-tabani.csv" } else { "knowledge.csv" }, csv)
        }
        Some("json") => ok(&serde_json::json!({ "items": items })),
        Some(_) => Err(ApiError::InvalidParameter { field: "format".into(), message: "must be csv or json".into() }),
    }
}
