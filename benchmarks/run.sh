#!/usr/bin/env bash
# Build and run the C++ kernel benchmark, then the Python sweep benchmark with the C++ triad bandwidth
# (all cores) as its memory-bandwidth bound.
#
#   benchmarks/run.sh [scenarios]      # default 10,000,000
set -euo pipefail
cd "$(dirname "$0")/.."

cmake -S . -B build/bench -G Ninja -DFABTOKEN_BENCHMARKS=ON
cmake --build build/bench -j2

log=$(mktemp)
trap 'rm -f "$log"' EXIT
build/bench/kernel_benchmark "$@" | tee "$log"
gbps=$(awk '$1 == "TRIAD_GBPS" { print $2 }' "$log")
if [[ -z "$gbps" ]]; then
  echo "run.sh: kernel_benchmark printed no TRIAD_GBPS line" >&2
  exit 1
fi

echo
python3 benchmarks/token_factory_sweep.py "$@"
