#!/usr/bin/env bash
# Installs what fabtoken needs (Debian packages, Python build tools) and then fabtoken itself.
#   scripts/install.sh           the library, its Python package and the `fabtoken` command
#   scripts/install.sh --test    also what the tests need (GoogleTest, pytest, hypothesis, ...)
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=false
[[ "${1:-}" == "--test" ]] && with_tests=true

packages=(g++ libboost-dev nlohmann-json3-dev)
$with_tests && packages+=(libgtest-dev)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "fabtoken: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

pip=(python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore)
"${pip[@]}" "scikit-build-core>=0.10" "pybind11>=2.12" "cmake>=3.20" ninja
extras=""
$with_tests && extras="[test]"
# No build isolation: the build tools above are reused, and build/ keeps the compiled objects.
"${pip[@]}" --no-build-isolation ".${extras}"
