#!/bin/sh
# Usage: run_with_keyring.sh HOME_FOLDER TEST_EXECUTABLE [ARGS...]
# Runs a test in a fresh HOME inside a private D-Bus session with an unlocked gnome-keyring
# (secret service only), as DESIGN.md describes for headless keychain checks.
set -e
home=$1
shift
rm -rf "$home"
mkdir -p "$home/run" "$home/.config" "$home/.local/share" "$home/.cache"
chmod 700 "$home/run"
export HOME="$home" XDG_RUNTIME_DIR="$home/run" XDG_CONFIG_HOME="$home/.config" \
    XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache" QT_QPA_PLATFORM=offscreen
exec dbus-run-session -- sh -c \
    'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' \
    sh "$@"
