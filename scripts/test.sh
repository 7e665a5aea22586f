#!/usr/bin/env bash
# Installs everything and runs every test: C++ (GoogleTest, then again under AddressSanitizer and
# UndefinedBehaviorSanitizer), the C++ example against the installed library, and Python (pytest).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install.sh --test

jobs=$(nproc)
run_cpp_tests() {  # build-dir, extra cmake arguments...
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DFABTOKEN_TESTS=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs"
}

echo "== C++ tests"
run_cpp_tests build/tests -DCMAKE_BUILD_TYPE=Release
echo "== C++ tests under AddressSanitizer and UndefinedBehaviorSanitizer"
run_cpp_tests build/sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFABTOKEN_SANITIZE=ON
echo "== Python tests"
python3 -m pytest
