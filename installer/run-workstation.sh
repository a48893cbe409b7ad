#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds a release and opens the Docket workstation.
# On the first start the queue is filled with the sample documents, processed offline.
set -euo pipefail
cd "$(dirname "$0")/.."

installer/install-deps.sh
cmake --preset release
cmake --build --preset release
exec build/release/bin/docket "$@"
