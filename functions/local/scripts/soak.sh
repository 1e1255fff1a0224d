#!/usr/bin/env bash
# `make soak`: ten minutes of mixed use of the local stack (dashboard users, widget visitors and
# WhatsApp customers at once, over a 2,000-item knowledge base) against moto, the gateway, ONE
# reply worker with the template's WorkerConcurrency (10) and a Graph API stand-in inside
# soak.py. Its own ports and table, so it runs beside `make dev`. Checks moto's memory, 5xx,
# moto's internal errors and the WhatsApp answer latency; figures: docs/performance.md.
# Options go to soak.py (`--minutes 1`); SOAK_SKIP_BUILD=1 uses the binary as built,
# SOAK_PROFILE=release the release build, WHATSAPP_QUIET_WINDOW_MS the worker's quiet window.
set -euo pipefail
export MOTO_PORT="${SOAK_MOTO_PORT:-24730}"
export TABLE_NAME="soak-$(date +%s)"
export SIMULATOR_PORT=24732
export GRAPH_API_BASE="http://127.0.0.1:24732/v23.0"
export BACKEND_URL="http://127.0.0.1:24731"
export INBOUND_QUEUE_URL="http://127.0.0.1:${MOTO_PORT}/123456789012/${TABLE_NAME}-inbound.fifo"
export DEMO_FILE=target/soak/demo.json
# The run measures the stack holding up, not the abuse limits (tests cover those).
export PUBLIC_MESSAGES_PER_MINUTE=1000000
export MONTHLY_MESSAGE_QUOTA=100000000
export WHATSAPP_QUIET_WINDOW_MS="${WHATSAPP_QUIET_WINDOW_MS:-2000}"
export RUST_LOG=warn
source functions/local/scripts/env.sh
source functions/local/scripts/stack.sh

profile="${SOAK_PROFILE:-debug}"
if [ "${SOAK_SKIP_BUILD:-}" != 1 ]; then
  if [ "$profile" = release ]; then
    cargo build -q --release -p local-stack
  else
    cargo build -q -p local-stack
  fi
fi
bin="target/$profile/svontai-local"
start_stack "$bin" target/soak 24731 seed
moto_pid="${pids[0]}"
# The worker logs each batch, reply and send (info), each line prefixed with the epoch time
# (its JSON lines carry none), for finding where answer time goes beside soak.py's timeline.
RUST_LOG=info $bin worker --concurrency 10 \
  > >(perl -MTime::HiRes=time -ne '$|=1; printf "%.3f %s", time, $_' > target/soak/worker.log) 2>&1 &
pids+=($!)
.venv/bin/python functions/local/scripts/soak.py --api http://127.0.0.1:24731 --graph-port 24732 \
  --demo "$DEMO_FILE" --moto-pid "$moto_pid" --moto-log target/soak/moto.log \
  --timeline target/soak/timeline.jsonl --quiet-window-ms "$WHATSAPP_QUIET_WINDOW_MS" \
  --profile "$profile" "$@"
