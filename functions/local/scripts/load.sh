#!/usr/bin/env bash
# `make load`: a bounded load run on loopback against the local stack (moto, the gateway, four
# reply workers standing in for Lambda's concurrency, and a Graph API stand-in inside load.py).
# Its own ports and table, so it runs beside `make dev`. Figures: docs/performance.md.
set -euo pipefail
export MOTO_PORT="${LOAD_MOTO_PORT:-24710}"
export TABLE_NAME="load-$(date +%s)"
export SIMULATOR_PORT=24712
export GRAPH_API_BASE="http://127.0.0.1:24712/v23.0"
export BACKEND_URL="http://127.0.0.1:24711"
export INBOUND_QUEUE_URL="http://127.0.0.1:${MOTO_PORT}/123456789012/${TABLE_NAME}-inbound.fifo"
export DEMO_FILE=target/load/demo.json
# The run measures throughput, not the abuse limits (tests cover those).
export PUBLIC_MESSAGES_PER_MINUTE=1000000
export MONTHLY_MESSAGE_QUOTA=100000000
export RUST_LOG=warn
source functions/local/scripts/env.sh
source functions/local/scripts/stack.sh

profile="${LOAD_PROFILE:-release}"
if [ "$profile" = release ]; then
  cargo build -q --release -p local-stack
else
  cargo build -q -p local-stack
fi
bin="target/$profile/svontai-local"
start_stack "$bin" target/load 24711 seed
$bin worker --concurrency 4 > target/load/worker.log 2>&1 &
pids+=($!)
.venv/bin/python functions/local/scripts/load.py --api http://127.0.0.1:24711 --graph-port 24712 \
  --demo "$DEMO_FILE" --profile "$profile" "$@"
