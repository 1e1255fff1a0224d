#!/usr/bin/env bash
# The whole product on this machine: moto, resources, demo data, the API gateway, the WhatsApp
# worker and simulator, the widget and the dashboard. Ctrl-C stops everything started here.
set -euo pipefail
source functions/local/scripts/env.sh
mkdir -p .dev
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; echo "stopped"; }
trap cleanup EXIT INT TERM

# With the launcher's mailbox page: every e-mail the app sends through SES (docs/local-moto.md).
mailbox_port="${MAILBOX_PORT:-8025}"
pids+=("$(MAILBOX_PORT=$mailbox_port functions/local/scripts/moto.sh .dev/moto.log)")
bin=target/debug/svontai-local
$bin setup
$bin seed | tee .dev/seed.log
$bin gateway --port 8000 > .dev/gateway.log 2>&1 &
pids+=($!)
$bin worker > .dev/worker.log 2>&1 &
pids+=($!)
$bin simulator --port "$SIMULATOR_PORT" > .dev/simulator.log 2>&1 &
pids+=($!)
(cd frontend && NEXT_PUBLIC_API_URL=http://localhost:8000 NEXT_PUBLIC_WIDGET_URL=http://localhost:8000 \
  NEXT_PUBLIC_WHATSAPP_SIGNUP_URL="http://localhost:${SIMULATOR_PORT}/signup" \
  npx next dev --port 3000 > ../.dev/dashboard.log 2>&1) &
pids+=($!)

cat <<TXT

SvontAi is running locally (logs in .dev/):
  Dashboard           http://localhost:3000
  API gateway         http://localhost:8000   (health: http://localhost:8000/health)
  Widget demo page    http://localhost:8000/demo
  WhatsApp simulator  http://localhost:${SIMULATOR_PORT}   (write as a customer; the demo bot answers)
  Local AWS (moto)    $AWS_ENDPOINT_URL
  Mailbox (e-mail)    http://localhost:${mailbox_port}   (mail the app sent: verification, password reset)
  Demo login          $(python3 -c 'import json;d=json.load(open(".dev/demo.json"));print(d["email"], "/", d["password"])')
Press Ctrl-C to stop everything.
TXT
wait
