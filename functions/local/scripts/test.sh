#!/usr/bin/env bash
# Runs every test against a moto server started (and stopped) here, on its own port.
set -euo pipefail
export MOTO_PORT="${TEST_MOTO_PORT:-24660}"
source functions/local/scripts/env.sh
mkdir -p target
pid=$(functions/local/scripts/moto.sh target/moto-test.log)
trap 'kill $pid 2>/dev/null || true' EXIT
echo "moto (pid $pid) on $AWS_ENDPOINT_URL"
# The launcher's patches must not change any DynamoDB answer (stock moto vs patched, same ops).
.venv/bin/python functions/local/moto/compare.py --ops 1500 --seed 7
cargo test --workspace --no-fail-fast
