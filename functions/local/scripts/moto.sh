#!/usr/bin/env bash
# Starts moto in server mode on 127.0.0.1:$MOTO_PORT and waits until it answers.
# Prints the PID. Usage: moto.sh <log file>
# The test scripts use fixed ports below 32768, outside Linux's ephemeral range
# (/proc/sys/net/ipv4/ip_local_port_range): a client socket left in TIME_WAIT by an earlier
# suite on a port in that range makes the bind fail for a minute.
# moto runs through functions/local/moto/server.py: moto_server plus runtime patches for its
# unbounded memory growth and its thread-safety (docs/local-moto.md); it refuses to start on
# any moto but the pinned one. With MAILBOX_PORT set (dev.sh, test.sh pass it), the launcher
# also serves the local mailbox page on 127.0.0.1:$MAILBOX_PORT (up once moto answers).
set -euo pipefail
log="${1:-/dev/null}"
MAILBOX_PORT="${MAILBOX_PORT:-}" .venv/bin/python functions/local/moto/server.py -H 127.0.0.1 -p "$MOTO_PORT" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if curl -sf -o /dev/null "http://127.0.0.1:${MOTO_PORT}/moto-api/"; then echo "$pid"; exit 0; fi
  kill -0 "$pid" 2>/dev/null || { echo "moto failed to start on port $MOTO_PORT:" >&2; tail -n 20 "$log" >&2; exit 1; }
  sleep 0.1
done
echo "moto did not answer on port $MOTO_PORT" >&2
kill "$pid"; exit 1
