#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds with the ci preset and runs every test:
# formatting, the Qt Test suite under ctest (inside a D-Bus session with an unlocked
# gnome-keyring for the keychain tests), and the robustness run over the malformed-PDF corpus
# when ../shared is beside the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."

installer/install-deps.sh --test
cmake --preset ci
cmake --build --preset ci

echo "== clang-format"
git ls-files '*.cpp' '*.h' | xargs -r clang-format --dry-run -Werror
echo "clang-format: all files formatted"

echo "== ctest"
export DOCKET_KEYRING_PASSWORD=docket-ci
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dbus-run-session -- sh -c '
  printf "%s" "$DOCKET_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
  ctest --preset ci' | tee "$log"
passed=$(sed -n 's/.*tests passed, 0 tests failed out of \([0-9]*\).*/\1/p' "$log")
passed=${passed:-0}

if [[ -d ../shared/data/robustness ]]; then
  echo "== robustness corpus"
  bench/robustness/run.sh build/ci/bin/docket ../shared/data/robustness
  passed=$((passed + 1))
fi
echo "summary: $passed passed, 0 failed"
