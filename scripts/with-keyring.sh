#!/usr/bin/env bash
# Runs a command where the OS keychain works. On Linux without a session bus it starts a private
# D-Bus session with a fresh, unlocked GNOME Keyring (a keyring file from another run with another
# password would stay locked), so the credential tests use the real Secret Service.
set -euo pipefail
if [[ "$(uname -s)" != "Linux" || -n "${B24DESK_KEYRING_READY:-}" ]]; then
  exec "$@"
fi
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon not installed; keychain tests will report the missing Secret Service" >&2
  exec "$@"
fi
keyring_home=$(mktemp -d -t b24desk-keyring.XXXXXX)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home"
export B24DESK_KEYRING_READY=1
dbus-run-session -- bash -c 'echo -n b24desk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' with-keyring "$@" 2> >(grep -v "Failed to set fd limit" >&2)
