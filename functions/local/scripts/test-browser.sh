#!/usr/bin/env bash
# Browser tests against the real local stack: moto, the gateway (serving the widget and its
# hostile host page) and, for the dashboard, the built Next.js app. Chromium is Debian's.
set -euo pipefail
export MOTO_PORT="${TEST_BROWSER_MOTO_PORT:-24670}"
export TABLE_NAME="browser-tests"
export SIMULATOR_PORT=24690
export FRONTEND_URL="http://127.0.0.1:24630"
export BACKEND_URL="http://127.0.0.1:24600"
# "Connect with Facebook" opens the simulator's stand-in for Facebook's login window.
export NEXT_PUBLIC_WHATSAPP_SIGNUP_URL="http://127.0.0.1:24690/signup"
source functions/local/scripts/env.sh
source functions/local/scripts/stack.sh
# The same cargo invocation as test.sh (same features, so nothing is rebuilt); it builds
# svontai-local for its CLI tests.
cargo test -q --workspace --no-run
start_stack target/debug/svontai-local target/browser 24600
start_simulator target/debug/svontai-local target/browser
export SVONTAI_API=http://127.0.0.1:24600

echo "== widget browser tests"
(cd widget && npm run -s test:unit && npm run -s test:browser)

echo "== dashboard: generated API types are current, typecheck, lint, browser tests"
(cd frontend \
  && npm run -s gen:api && git diff --exit-code -- src/lib/api/schema.d.ts \
  && npm run -s typecheck && npm run -s lint && npm run -s test:unit \
  && DASHBOARD_PORT=24630 E2E_REBUILD=1 npm run -s test:e2e)
