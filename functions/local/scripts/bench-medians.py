#!/usr/bin/env python3
"""Prints the median of every criterion benchmark under target/criterion (after `cargo bench`)."""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
rows = []
for bench in sorted(root.glob("*/new/benchmark.json")):
    title = json.loads(bench.read_text())["title"]
    median = json.loads((bench.parent / "estimates.json").read_text())["median"]["point_estimate"]
    rows.append((title, median))
if not rows:
    sys.exit(f"no criterion results under {root}: run cargo bench first")


def human(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.2f} {unit}"
    return f"{ns:.0f} ns"


width = max(len(t) for t, _ in rows)
print(f"{'benchmark':<{width}}  median")
for title, ns in rows:
    print(f"{title:<{width}}  {human(ns)}")
