#!/usr/bin/env bash
# Builds every Lambda function in release mode with cargo-lambda (zig as the cross-linker) and
# prints each zip's size. arm64 (as deployed), installing the aarch64 Rust standard library with
# rustup when missing; where that cannot be fetched, x86_64, said loudly, so the sizes are still
# measured. `make coldstart` runs x86_64 zips on an x86_64 machine (ARCH=x86_64).
#   ARCH=arm64|x86_64   force an architecture
#   BINS="a b"          build only these functions (default: all of them)
#   OUT=dir             where the zips go (default target/lambda-$ARCH)
set -euo pipefail
export PATH="$PWD/.venv-sam/bin:$PATH"
arch="${ARCH:-}"
if [ -z "$arch" ]; then
  if rustup target list --installed 2>/dev/null | grep -qx aarch64-unknown-linux-gnu \
     || rustup target add aarch64-unknown-linux-gnu; then
    arch=arm64
  else
    arch=x86_64
    echo "warning: the aarch64-unknown-linux-gnu Rust target could not be installed; building x86_64" >&2
    echo "         (the sizes are close; deploy from a machine where 'rustup target add' works)." >&2
  fi
fi
case "$arch" in
  arm64) flag=--arm64 ;;
  x86_64) flag=--x86-64 ;;
  *) echo "ARCH must be arm64 or x86_64" >&2; exit 2 ;;
esac
bins="${BINS:-$(python3 deploy/gen_template.py --list-binaries)}"
bin_flags=()
for b in $bins; do bin_flags+=(--bin "$b"); done
out="${OUT:-target/lambda-$arch}"
start=$(date +%s)
cargo lambda build --release -p functions "$flag" --output-format zip --lambda-dir "$out" "${bin_flags[@]}"
echo "built $(( ${#bin_flags[@]} / 2 )) functions for $arch in $(( $(date +%s) - start )) s"
python3 - "$out" $bins <<'PY'
import os, sys, zipfile
out, bins = sys.argv[1], sys.argv[2:]
print(f"{'function':<32} {'binary':>9} {'zip':>9}")
total = 0
for b in bins:
    path = os.path.join(out, b, "bootstrap.zip")
    if not os.path.exists(path):
        sys.exit(f"missing {path}")
    raw = zipfile.ZipFile(path).getinfo("bootstrap").file_size
    size = os.path.getsize(path)
    total += size
    print(f"{b:<32} {raw / 2**20:8.1f}M {size / 2**20:8.1f}M")
print(f"{'all ' + str(len(bins)) + ' zips':<32} {'':>9} {total / 2**20:8.1f}M")
PY
