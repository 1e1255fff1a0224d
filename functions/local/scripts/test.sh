#!/usr/bin/env bash
# Runs every test against a moto server started (and stopped) here, on its own port.
set -euo pipefail
export MOTO_PORT="${TEST_MOTO_PORT:-24660}"
source functions/local/scripts/env.sh
mkdir -p target
# Not exported: compare.py starts launchers of its own, which must not serve the page too.
mailbox_port="${TEST_MAILBOX_PORT:-24661}"
pid=$(MAILBOX_PORT=$mailbox_port functions/local/scripts/moto.sh target/moto-test.log)
trap 'kill $pid 2>/dev/null || true' EXIT
echo "moto (pid $pid) on $AWS_ENDPOINT_URL"
# The launcher's patches must not change any DynamoDB answer (stock moto vs patched, same ops).
.venv/bin/python functions/local/moto/compare.py --ops 1500 --seed 7
# The launcher's mailbox keeps what SESv2 SendEmail accepted; its JSON API and page answer.
MAILBOX_PORT=$mailbox_port .venv/bin/python functions/local/moto/mailbox_check.py
cargo test --workspace --no-fail-fast
