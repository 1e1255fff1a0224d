//! The dev CLI against the local AWS-API server that `make test` starts (AWS_ENDPOINT_URL).

use std::process::Command;

fn cli(args: &[&str], table: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_svontai-local"))
        .args(args)
        .env("TABLE_NAME", table)
        .env("RUST_LOG", "warn")
        .output()
        .expect("svontai-local runs")
}

#[test]
fn setup_creates_the_resources_and_is_idempotent() {
    let table = format!("cli-setup-{}", std::process::id());
    for _ in 0..2 {
        let out = cli(&["setup"], &table);
        assert!(out.status.success(), "setup failed: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("resources ready (table {table})"));
    }
}

#[test]
fn an_unknown_command_fails_with_the_usage() {
    let out = cli(&["deploy"], "cli-usage");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: svontai-local setup"));
}
