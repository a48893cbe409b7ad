#!/usr/bin/env bash
# Installs the Debian 12 packages Docket needs to build, run and test.
# Usage: installer/install-deps.sh [--test]   (--test adds what the test suite needs)
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config git
  qt6-base-dev qt6-pdf-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-translations-l10n libqt6opengl6-dev libqt6sql6-sqlite libqt6sql6-psql
  qtkeychain-qt6-dev nlohmann-json3-dev libopencv-dev libtesseract-dev libleptonica-dev
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd libgl-dev libxkbcommon-dev
  qt6-qpa-plugins qt6-image-formats-plugins fonts-dejavu-core
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(postgresql xvfb xauth gnome-keyring dbus dbus-x11 libsecret-tools
             clang-format poppler-utils qpdf python3 python3-yaml python3-jsonschema)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
