#!/usr/bin/env bash
# The whole product on this machine: moto, resources, demo data, the API gateway.
# Everything started here is stopped on Ctrl-C.
set -euo pipefail
source functions/local/scripts/env.sh
mkdir -p .dev
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; echo "stopped"; }
trap cleanup EXIT INT TERM

pids+=("$(functions/local/scripts/moto.sh .dev/moto.log)")
bin=target/debug/svontai-local
$bin setup
$bin seed
$bin gateway --port 8000 &
pids+=($!)

cat <<TXT

SvontAi is running locally:
  API gateway     http://localhost:8000   (health: http://localhost:8000/health)
  Local AWS       $AWS_ENDPOINT_URL (moto)
  Demo login      $(python3 -c 'import json;d=json.load(open(".dev/demo.json"));print(d["email"], "/", d["password"])')
Press Ctrl-C to stop everything.
TXT
wait
