#!/usr/bin/env bash
# Browser tests against the real local stack: moto, the gateway (serving the widget and its
# hostile host page) and, for the dashboard, the built Next.js app. Chromium is Debian's.
set -euo pipefail
export MOTO_PORT="${TEST_BROWSER_MOTO_PORT:-45670}"
export TABLE_NAME="browser-tests"
export SIMULATOR_PORT=45690
export FRONTEND_URL="http://127.0.0.1:45630"
export BACKEND_URL="http://127.0.0.1:45600"
source functions/local/scripts/env.sh
mkdir -p target/browser
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

pids+=("$(functions/local/scripts/moto.sh target/browser/moto.log)")
bin=target/debug/svontai-local
# The same cargo invocation as test.sh (same features, so nothing is rebuilt); it builds
# svontai-local for its CLI tests.
cargo test -q --workspace --no-run
$bin setup > /dev/null
$bin gateway --port 45600 > target/browser/gateway.log 2>&1 &
gateway=$!
pids+=($gateway)
for _ in $(seq 1 100); do curl -sf -o /dev/null http://127.0.0.1:45600/health && break; sleep 0.1; done
kill -0 "$gateway" 2>/dev/null || { echo "the gateway did not start:"; cat target/browser/gateway.log; exit 1; }
export SVONTAI_API=http://127.0.0.1:45600

echo "== widget browser tests"
(cd widget && npm run -s test:unit && npm run -s test:browser)

echo "== dashboard: generated API types are current, typecheck, lint, browser tests"
(cd frontend \
  && npm run -s gen:api && git diff --exit-code -- src/lib/api/schema.d.ts \
  && npm run -s typecheck && npm run -s lint \
  && DASHBOARD_PORT=45630 E2E_REBUILD=1 npm run -s test:e2e)
