//! WhatsApp message templates: the only messages a business may send once the customer's
//! 24-hour window has closed. Listed from the business account (`GET /{waba_id}/message_templates`),
//! kept a few minutes per warm container, and sent with their positional parameters filled.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::graph::{self, GraphError};
use crate::state::AppState;

/// What Meta accepts in one parameter.
pub const MAX_PARAMETER_CHARS: usize = 1024;

/// A template the product can send: approved, text only (no media header), with positional
/// body parameters `{{1}}`, `{{2}}`, ….
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Template {
    pub name: String,
    pub language: String,
    pub category: String,
    /// The body with its `{{n}}` placeholders.
    pub body: String,
    /// How many parameters the body takes.
    pub parameters: usize,
    /// A text header (without parameters), if any.
    pub header: Option<String>,
    pub footer: Option<String>,
}

#[derive(Deserialize)]
struct Listed {
    name: String,
    language: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    components: Vec<Component>,
}

#[derive(Deserialize)]
struct Component {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

/// The `{{…}}` placeholders of a text: `Some(n)` when they are exactly `{{1}}`…`{{n}}`,
/// `None` when any is named or the numbering has gaps (such templates are not offered).
pub fn positional_parameters(text: &str) -> Option<usize> {
    let mut seen = std::collections::BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let end = after.find("}}")?;
        seen.insert(after[..end].trim().parse::<usize>().ok()?);
        rest = &after[end + 2..];
    }
    (seen.iter().copied().eq(1..=seen.len())).then_some(seen.len())
}

impl Listed {
    fn sendable(self) -> Option<Template> {
        if self.status != "APPROVED" {
            return None;
        }
        let part = |kind: &str| self.components.iter().find(|c| c.kind.eq_ignore_ascii_case(kind));
        let body = part("BODY")?.text.clone()?;
        let parameters = positional_parameters(&body)?;
        let header = match part("HEADER") {
            None => None,
            Some(h) if h.format.as_deref().unwrap_or("TEXT").eq_ignore_ascii_case("TEXT") => {
                let text = h.text.clone().unwrap_or_default();
                if positional_parameters(&text) != Some(0) {
                    return None;
                }
                Some(text)
            }
            Some(_) => return None,
        };
        Some(Template {
            name: self.name,
            language: self.language,
            category: self.category,
            body,
            parameters,
            header,
            footer: part("FOOTER").and_then(|f| f.text.clone()),
        })
    }
}

/// The business account's sendable templates (cached per account and credentials version).
pub async fn list(
    state: &AppState,
    waba_id: &str,
    credentials_version: &str,
    token: &str,
) -> Result<Vec<Template>, GraphError> {
    let key = (waba_id.to_string(), credentials_version.to_string());
    if let Some(templates) = state.caches.templates.get(&key) {
        return Ok(templates);
    }
    let url = format!(
        "{}/{}/message_templates?fields=name,language,status,category,components&limit=100",
        state.config.graph_api_base, waba_id
    );
    let listed: Vec<Listed> = graph::get_pages(state, &url, token).await?;
    let mut templates: Vec<Template> = listed.into_iter().filter_map(Listed::sendable).collect();
    templates.sort_by(|a, b| (&a.name, &a.language).cmp(&(&b.name, &b.language)));
    state.caches.templates.insert(key, templates.clone());
    Ok(templates)
}

/// The text the customer reads: the body with its parameters in place (stored as the message).
pub fn render(template: &Template, parameters: &[String]) -> String {
    let mut text = template.body.clone();
    for (i, p) in parameters.iter().enumerate().rev() {
        text = text.replace(&format!("{{{{{}}}}}", i + 1), p);
    }
    match &template.header {
        Some(h) if !h.is_empty() => format!("{h}\n{text}"),
        _ => text,
    }
}

/// Why a parameter cannot go into a template (Meta refuses newlines, tabs and runs of more
/// than four spaces in parameters), or `None`.
pub fn parameter_problem(value: &str) -> Option<&'static str> {
    if value.trim().is_empty() {
        Some("must not be empty")
    } else if value.chars().count() > MAX_PARAMETER_CHARS {
        Some("must be at most 1024 characters")
    } else if value.contains(['\n', '\r', '\t']) || value.contains("     ") {
        Some("must not contain line breaks, tabs or more than four spaces in a row")
    } else {
        None
    }
}

/// The Graph API body that sends `template` to `to`.
pub fn message_body(to: &str, template: &Template, parameters: &[String]) -> serde_json::Value {
    let mut components = vec![];
    if !parameters.is_empty() {
        let values: Vec<serde_json::Value> = parameters.iter().map(|p| json!({ "type": "text", "text": p })).collect();
        components.push(json!({ "type": "body", "parameters": values }));
    }
    json!({
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": "template",
        "template": { "name": template.name, "language": { "code": template.language }, "components": components },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(status: &str, body: &str, header: Option<(&str, &str)>) -> Listed {
        let mut components = vec![Component { kind: "BODY".into(), format: None, text: Some(body.into()) }];
        if let Some((format, text)) = header {
            components.push(Component { kind: "HEADER".into(), format: Some(format.into()), text: Some(text.into()) });
        }
        Listed {
            name: "randevu".into(),
            language: "tr".into(),
            status: status.into(),
            category: "UTILITY".into(),
            components,
        }
    }

    #[test]
    fn only_approved_text_templates_with_positional_parameters_are_offered() {
        let ok = listed("APPROVED", "Merhaba {{1}}, randevunuz {{2}}.", Some(("TEXT", "Gülümse")));
        let t = ok.sendable().unwrap();
        assert_eq!((t.parameters, t.header.as_deref()), (2, Some("Gülümse")));
        assert!(listed("PENDING", "Merhaba {{1}}", None).sendable().is_none());
        assert!(listed("APPROVED", "Merhaba {{name}}", None).sendable().is_none(), "named parameters");
        assert!(listed("APPROVED", "Merhaba {{1}} {{3}}", None).sendable().is_none(), "a gap");
        assert!(listed("APPROVED", "Merhaba", Some(("IMAGE", ""))).sendable().is_none(), "media header");
        assert!(listed("APPROVED", "Merhaba", Some(("TEXT", "Selam {{1}}"))).sendable().is_none(), "header parameter");
        assert_eq!(listed("APPROVED", "Merhaba, sizi bekliyoruz.", None).sendable().unwrap().parameters, 0);
    }

    #[test]
    fn parameters_fill_the_body_and_the_graph_body_carries_them_in_order() {
        let t = listed("APPROVED", "Merhaba {{1}}, {{2}} tarihli randevunuz var. {{1}}, görüşmek üzere.", None)
            .sendable()
            .unwrap();
        let params = vec!["Ayşe".to_string(), "3 Aralık 14:30".to_string()];
        assert_eq!(render(&t, &params), "Merhaba Ayşe, 3 Aralık 14:30 tarihli randevunuz var. Ayşe, görüşmek üzere.");
        let body = message_body("905321234567", &t, &params);
        assert_eq!(body["template"]["components"][0]["parameters"][1]["text"], "3 Aralık 14:30");
        assert_eq!(body["template"]["language"]["code"], "tr");
        assert!(parameter_problem("iki\nsatır").is_some() && parameter_problem("   ").is_some());
        assert!(parameter_problem("Ayşe Yılmaz").is_none());
    }
}
