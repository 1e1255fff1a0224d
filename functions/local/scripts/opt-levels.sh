#!/usr/bin/env bash
# make opt-levels: the release profile's opt-level, chosen by measurement. For each level it
# builds three functions (the largest zip, the webhook, the worker) for x86_64 in a target
# directory of its own, then reports their zip sizes, their cold starts (coldstart.py, median
# of 9) and the criterion medians of the hot paths (make bench; the bench profile inherits the
# release profile's opt-level).
#   LEVELS="s z 3"   the levels to compare      BINS="…"   the functions to build
set -euo pipefail
levels=(${LEVELS:-s z 3})
bins="${BINS:-public-chat-send whatsapp-webhook whatsapp-worker}"
for level in "${levels[@]}"; do
  dir="$PWD/target/opt-$level"
  echo "== opt-level $level"
  export CARGO_PROFILE_RELEASE_OPT_LEVEL="$level" CARGO_TARGET_DIR="$dir"
  ARCH=x86_64 BINS="$bins" OUT="$dir/lambda" functions/local/scripts/package.sh
  python3 functions/local/scripts/coldstart.py --lambda-dir "$dir/lambda" --json "$dir/coldstart.json" $bins
  cargo bench -q -p shared --bench retrieval --bench hot_path -- --warm-up-time 1 --measurement-time 3 > "$dir/bench.log" 2>&1
  python3 functions/local/scripts/bench-medians.py "$dir/criterion"
done
