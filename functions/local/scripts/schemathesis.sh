#!/usr/bin/env bash
# Property-based API tests from docs/openapi.yaml (schemathesis) against the local gateway and
# moto, logged in as the demo owner: no 5xx anywhere, and every error a problem body.
# Bounded: SCHEMATHESIS_EXAMPLES examples per operation (default 15).
set -euo pipefail
export MOTO_PORT="${ST_MOTO_PORT:-24720}"
export TABLE_NAME="schemathesis-$(date +%s)"
export BACKEND_URL="http://127.0.0.1:24721"
export INBOUND_QUEUE_URL="http://127.0.0.1:${MOTO_PORT}/123456789012/${TABLE_NAME}-inbound.fifo"
export DEMO_FILE=target/st/demo.json
# The WhatsApp simulator plays Meta, so routes that call the Graph API answer as they would.
export SIMULATOR_PORT=24722
export RUST_LOG=warn
source functions/local/scripts/env.sh
source functions/local/scripts/stack.sh
# The same cargo invocation as test.sh: nothing rebuilt, svontai-local built for its CLI tests.
cargo test -q --workspace --no-run
start_stack target/debug/svontai-local target/st 24721 seed
start_simulator target/debug/svontai-local target/st
login=$(.venv/bin/python -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps({"email": d["email"], "password": d["password"]}))' "$DEMO_FILE")
token=$(curl -sf -X POST -H 'content-type: application/json' -d "$login" http://127.0.0.1:24721/auth/login \
  | .venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)["tokens"]["access_token"])')
tenant=$(.venv/bin/python -c 'import json,sys; print(json.load(open(sys.argv[1]))["tenant_id"])' "$DEMO_FILE")
.venv/bin/schemathesis run docs/openapi.yaml --url http://127.0.0.1:24721 \
  -H "Authorization: Bearer $token" -H "X-Tenant-Id: $tenant" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance \
  --max-examples "${SCHEMATHESIS_EXAMPLES:-15}" \
  --generation-deterministic \
  --request-timeout 30 \
  --suppress-health-check all \
  --no-color "$@"
