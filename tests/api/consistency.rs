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
        let expected =
            format!("shared::lambda_http_main!({:?}, {});", route.audience, route.handler_name.replace(' ', ""));
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
