#!/usr/bin/env bash
# make fuzz: every cargo-fuzz target in tests/fuzz for FUZZ_SECONDS each (default 60), from the
# committed seeds (and, for the webhook, the sample deliveries in events/whatsapp). A crash
# input is copied to tests/fuzz/regressions/<target>/, where `cargo test` replays it, and the
# run fails. FUZZ_TARGETS picks targets (default: all four).
#
# The machine's one toolchain is stable, so libFuzzer runs without a sanitizer (-s none):
# coverage-guided, with debug assertions and overflow checks on; a panic is the failure.
set -euo pipefail
secs="${FUZZ_SECONDS:-60}"
targets=(${FUZZ_TARGETS:-webhook request_body knowledge_import tokens})
tools=target/tools
if ! [ -x "$tools/bin/cargo-fuzz" ]; then
  cargo install cargo-fuzz --version 0.13.2 --locked --quiet --root "$tools"
fi
fuzz() { local cmd=$1; shift; "$tools/bin/cargo-fuzz" "$cmd" --fuzz-dir tests/fuzz --sanitizer none --target-dir target/fuzz "$@"; }

echo "== building the fuzz targets (shared with coverage instrumentation; the first build is long)"
fuzz build

failed=()
for t in "${targets[@]}"; do
  corpus=target/fuzz-corpus/$t artifacts=target/fuzz-artifacts/$t
  mkdir -p "$corpus" "$artifacts"
  cp tests/fuzz/seeds/"$t"/* "$corpus"/
  if [ "$t" = webhook ]; then cp events/whatsapp/*.json "$corpus"/; fi
  echo "== $t: ${secs}s"
  if fuzz run "$t" "$corpus" -- -max_total_time="$secs" -max_len=16384 -timeout=10 -rss_limit_mb=1024 \
       -artifact_prefix="$artifacts/" -print_final_stats=1 > "target/fuzz-$t.log" 2>&1; then
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|stat::new_units_added)|^Done" "target/fuzz-$t.log" || true
    cov=$(grep -oE "cov: [0-9]+" "target/fuzz-$t.log" | tail -1 || true)
    echo "   ok, $cov, corpus $(ls "$corpus" | wc -l) inputs"
  else
    failed+=("$t")
    grep -E "panicked|ERROR|SUMMARY" "target/fuzz-$t.log" | head -5
    mkdir -p tests/fuzz/regressions/"$t"
    for crash in "$artifacts"/*; do
      [ -f "$crash" ] || continue
      cp "$crash" tests/fuzz/regressions/"$t"/
      echo "   kept $crash as tests/fuzz/regressions/$t/$(basename "$crash"): fix it, commit the input"
    done
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found failures in: ${failed[*]} (logs: target/fuzz-<target>.log)"
  exit 1
fi
echo "no panic in ${#targets[@]} targets × ${secs}s"
