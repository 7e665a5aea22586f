#!/usr/bin/env bash
# Build and run the C++ kernel benchmark, then the Python sweep benchmark, which runs the C++ triad
# (all cores) between its sweeps for its memory-bandwidth bound.
#
#   benchmarks/run.sh [scenarios]      # default 10,000,000
set -euo pipefail
cd "$(dirname "$0")/.."

cmake -S . -B build/bench -G Ninja -DFABTOKEN_BENCHMARKS=ON
cmake --build build/bench -j2

build/bench/kernel_benchmark "$@"
echo
FABTOKEN_TRIAD_BENCHMARK=build/bench/kernel_benchmark python3 benchmarks/token_factory_sweep.py "$@"
