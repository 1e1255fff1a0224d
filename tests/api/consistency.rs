//! The route table, the function binaries and `template.yaml` must agree.

use std::collections::BTreeSet;
use std::path::PathBuf;

use shared::routes::routes;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

#[test]
fn every_route_has_a_function_whose_main_calls_its_handler() {
    let cargo = std::fs::read_to_string(repo().join("functions/Cargo.toml")).unwrap();
    for route in routes() {
        let main = std::fs::read_to_string(repo().join(format!("functions/{}/main.rs", route.function)))
            .unwrap_or_else(|_| panic!("functions/{}/main.rs is missing", route.function));
        let expected = format!(
            "shared::lambda_http_main!({:?}, {:?}, {});",
            route.function,
            route.audience,
            route.handler_name.replace(' ', "")
        );
        assert_eq!(main.trim(), expected, "functions/{}/main.rs", route.function);
        assert!(cargo.contains(&format!("name = \"{}\"", route.function)), "{} is not a [[bin]]", route.function);
    }
}

#[test]
fn routes_are_unique() {
    let all = routes();
    let keys: BTreeSet<(String, String)> = all.iter().map(|r| (r.method.to_string(), r.path.to_string())).collect();
    assert_eq!(keys.len(), all.len());
    let names: BTreeSet<&str> = all.iter().map(|r| r.function).collect();
    assert_eq!(names.len(), all.len());
}

/// (function, METHOD, path) of every HTTP route `template.yaml` declares.
fn template_routes() -> BTreeSet<(String, String, String)> {
    let text = std::fs::read_to_string(repo().join("template.yaml")).expect("template.yaml");
    // CloudFormation's short forms (!Ref, !Sub…) parse as tagged values.
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).expect("template.yaml parses");
    let mut out = BTreeSet::new();
    for (_, resource) in doc["Resources"].as_mapping().expect("Resources") {
        if resource["Type"].as_str() != Some("AWS::Serverless::Function") {
            continue;
        }
        let binary =
            resource["Metadata"]["BuildProperties"]["Binary"].as_str().expect("every function names its Binary");
        let Some(events) = resource["Properties"]["Events"].as_mapping() else { continue };
        for (_, event) in events {
            if event["Type"].as_str() == Some("HttpApi") {
                let p = &event["Properties"];
                out.insert((
                    binary.to_string(),
                    p["Method"].as_str().unwrap().to_uppercase(),
                    p["Path"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    out
}

#[test]
fn template_declares_exactly_the_routes_the_gateway_serves() {
    let ours: BTreeSet<(String, String, String)> =
        routes().iter().map(|r| (r.function.to_string(), r.method.to_string(), r.path.to_string())).collect();
    let template = template_routes();
    let missing: Vec<_> = ours.difference(&template).collect();
    let extra: Vec<_> = template.difference(&ours).collect();
    assert!(missing.is_empty() && extra.is_empty(), "not in template: {missing:?}\nnot in the route table: {extra:?}");
}

#[test]
fn every_template_route_is_described_in_openapi() {
    let text = std::fs::read_to_string(repo().join("docs/openapi.yaml")).expect("docs/openapi.yaml");
    let spec: serde_yaml::Value = serde_yaml::from_str(&text).expect("openapi parses");
    let paths = spec["paths"].as_mapping().expect("paths");
    let mut described = BTreeSet::new();
    for (path, ops) in paths {
        for (method, _) in ops.as_mapping().unwrap() {
            described.insert((method.as_str().unwrap().to_uppercase(), path.as_str().unwrap().to_string()));
        }
    }
    let missing: Vec<_> = template_routes()
        .into_iter()
        .filter(|(_, method, _)| method != "OPTIONS") // CORS preflight: not an API operation
        .filter(|(_, method, path)| !described.contains(&(method.clone(), path.clone())))
        .collect();
    assert!(missing.is_empty(), "routes missing from docs/openapi.yaml: {missing:?}");
}

#[test]
fn the_table_the_code_creates_is_the_table_the_template_declares() {
    let text = std::fs::read_to_string(repo().join("template.yaml")).unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let table = doc["Resources"]
        .as_mapping()
        .unwrap()
        .values()
        .find(|r| r["Type"].as_str() == Some("AWS::DynamoDB::Table"))
        .expect("a DynamoDB table");
    let p = &table["Properties"];
    let keys = |v: &serde_yaml::Value| -> Vec<(String, String)> {
        v.as_sequence()
            .unwrap()
            .iter()
            .map(|k| (k["AttributeName"].as_str().unwrap().to_string(), k["KeyType"].as_str().unwrap().to_string()))
            .collect()
    };
    let def = &local_stack::resources::TABLE;
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(keys(&p["KeySchema"]), [pair(def.partition_key, "HASH"), pair(def.sort_key, "RANGE")]);
    let gsis: Vec<(String, Vec<(String, String)>)> = p["GlobalSecondaryIndexes"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|g| (g["IndexName"].as_str().unwrap().to_string(), keys(&g["KeySchema"])))
        .collect();
    let ours: Vec<(String, Vec<(String, String)>)> = def
        .indexes
        .iter()
        .map(|i| (i.name.to_string(), vec![pair(i.partition_key, "HASH"), pair(i.sort_key, "RANGE")]))
        .collect();
    assert_eq!(gsis, ours);
    let mut attrs: Vec<(String, String)> = p["AttributeDefinitions"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|a| (a["AttributeName"].as_str().unwrap().to_string(), a["AttributeType"].as_str().unwrap().to_string()))
        .collect();
    attrs.sort();
    let mut ours: Vec<(String, String)> = def.attributes.iter().map(|a| pair(a, "S")).collect();
    ours.sort();
    assert_eq!(attrs, ours);
    assert_eq!(p["TimeToLiveSpecification"]["AttributeName"].as_str(), Some(def.ttl_attribute));
    assert_eq!(p["BillingMode"].as_str(), Some("PAY_PER_REQUEST"));
}

#[test]
fn the_queues_the_code_creates_are_the_queues_the_template_declares() {
    let text = std::fs::read_to_string(repo().join("template.yaml")).unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let queue = &doc["Resources"]["InboundQueue"]["Properties"];
    let dlq = &doc["Resources"]["InboundDeadLetterQueue"]["Properties"];
    let def = &local_stack::resources::INBOUND_QUEUE;
    assert_eq!(queue["FifoQueue"].as_bool(), Some(true));
    assert_eq!(queue["ContentBasedDeduplication"].as_bool(), Some(false), "the webhook deduplicates by wamid");
    assert_eq!(queue["VisibilityTimeout"].as_u64(), Some(u64::from(def.visibility_timeout_secs)));
    assert_eq!(queue["RedrivePolicy"]["maxReceiveCount"].as_u64(), Some(u64::from(def.max_receive_count)));
    assert_eq!(dlq["FifoQueue"].as_bool(), Some(true));
    assert_eq!(dlq["MessageRetentionPeriod"].as_u64(), Some(u64::from(def.dlq_retention_secs)));
    let worker = &doc["Resources"]["WhatsappWorkerFunction"]["Properties"];
    let timeout = worker["Timeout"].as_u64().unwrap();
    assert!(
        u64::from(def.visibility_timeout_secs) >= 6 * timeout,
        "visibility timeout at least 6x the worker's timeout"
    );
    let event = &worker["Events"]["Inbound"]["Properties"];
    assert_eq!(event["FunctionResponseTypes"][0].as_str(), Some("ReportBatchItemFailures"));
}

/// Every `.rs` file under `dir` (relative to the repository), with its path.
fn rust_files(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut pending = vec![repo().join(dir)];
    while let Some(path) = pending.pop() {
        for entry in std::fs::read_dir(&path).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                pending.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let rel = p.strip_prefix(repo()).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    assert!(!out.is_empty(), "no Rust files under {dir}");
    out
}

#[test]
fn only_the_store_speaks_dynamodb() {
    // The store builds every DynamoDB request; the local stack (table creation) and the tests
    // may use the SDK directly, the Lambda code may not.
    let mut offenders = Vec::new();
    for dir in ["shared/src", "functions"] {
        for (path, text) in rust_files(dir) {
            let exempt = path.starts_with("shared/src/store/") || path.starts_with("functions/local/");
            if !exempt && (text.contains("aws_sdk_dynamodb") || text.contains(".dynamo\n") || text.contains(".dynamo."))
            {
                offenders.push(path);
            }
        }
    }
    assert!(offenders.is_empty(), "DynamoDB outside shared/src/store/: {offenders:?}");
}

#[test]
fn key_prefixes_are_written_only_in_keys_rs() {
    // A sort or partition key prefix in a string literal ("MSG#", "LEAD#{id}") outside keys.rs
    // is a key built by hand.
    let prefix = |text: &str| -> Option<String> {
        let bytes = text.as_bytes();
        (0..bytes.len()).find_map(|i| {
            if bytes[i] != b'"' {
                return None;
            }
            let rest = &text[i + 1..];
            let head: String = rest.chars().take_while(|c| c.is_ascii_uppercase() || *c == '_').collect();
            (head.len() >= 2 && rest[head.len()..].starts_with('#')).then(|| format!("{head}#"))
        })
    };
    let mut offenders = Vec::new();
    for (path, text) in rust_files("shared/src") {
        if path == "shared/src/keys.rs" {
            continue;
        }
        // Unit tests may spell keys out to check them.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            if let Some(p) = prefix(line) {
                offenders.push(format!("{path}: {p}"));
            }
        }
    }
    assert!(offenders.is_empty(), "key prefixes outside keys.rs: {offenders:?}");
}

#[test]
fn no_two_modules_of_shared_import_each_other() {
    // A module's name from its path (`store/leads.rs` → `store::leads`), and the modules its code
    // (tests and comments aside) names through `crate::` or `super::`.
    let files = rust_files("shared/src");
    let name_of = |path: &str| {
        let rel = path.trim_start_matches("shared/src/").trim_end_matches(".rs");
        rel.trim_end_matches("/mod").replace('/', "::")
    };
    let modules: BTreeSet<String> = files.iter().map(|(p, _)| name_of(p)).collect();
    let mut uses: Vec<(String, BTreeSet<String>)> = Vec::new();
    for (path, text) in &files {
        let me = name_of(path);
        let parent = me.rsplit_once("::").map(|(p, _)| p.to_string()).unwrap_or_default();
        let code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or_default()
            .lines()
            .map(|l| l.split("//").next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n");
        let mut named = BTreeSet::new();
        for (marker, base) in [("crate::", String::new()), ("super::", parent.clone())] {
            for (i, _) in code.match_indices(marker) {
                let rest = &code[i + marker.len()..];
                let path: String =
                    rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_' || *c == ':').collect();
                let mut parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
                while !parts.is_empty() {
                    let candidate =
                        if base.is_empty() { parts.join("::") } else { format!("{base}::{}", parts.join("::")) };
                    if modules.contains(&candidate) {
                        named.insert(candidate);
                        break;
                    }
                    parts.pop();
                }
            }
        }
        named.remove(&me);
        uses.push((me, named));
    }
    let mut cycles = Vec::new();
    for (a, named) in &uses {
        for b in named {
            let back = uses.iter().any(|(m, n)| m == b && n.contains(a));
            // The application state holds the store's client, and the store reads the state.
            let allowed =
                (a.as_str(), b.as_str()) == ("state", "store") || (a.as_str(), b.as_str()) == ("store", "state");
            if back && a < b && !allowed {
                cycles.push(format!("{a} <-> {b}"));
            }
        }
    }
    assert!(cycles.is_empty(), "modules that import each other: {cycles:?}");
}

#[test]
fn docs_permissions_lists_every_dashboard_route_with_the_role_it_needs() {
    let doc = std::fs::read_to_string(repo().join("docs/permissions.md")).unwrap();
    for route in routes() {
        if route.audience != shared::routes::Audience::Dashboard {
            continue;
        }
        let line = doc
            .lines()
            .find(|l| l.contains(&format!("`{}`", route.function)))
            .unwrap_or_else(|| panic!("docs/permissions.md does not list {}", route.function));
        let admin_only = shared::auth::permissions::ADMIN_ROUTES.contains(&route.function);
        assert_eq!(line.contains("| admin, owner |"), admin_only, "{line}");
    }
}
