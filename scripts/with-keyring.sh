#!/usr/bin/env bash
# Run a command inside a private D-Bus session with an unlocked gnome-keyring Secret Service, so keytar talks to a
# real keychain (tests, CI, headless lab images). The keyring lives in a throwaway HOME-independent temp dir and
# dies with the session.
#   scripts/with-keyring.sh npx vitest run
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi
if [ -z "${READER_IN_KEYRING_SESSION:-}" ]; then
  # Re-enter this script inside a fresh session bus; dbus-run-session tears the bus (and the daemon) down on exit.
  export READER_IN_KEYRING_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi
keyring_dir="$(mktemp -d "${TMPDIR:-/tmp}/reader-keyring.XXXXXX")"
trap 'rm -rf "$keyring_dir"' EXIT
# gnome-keyring keeps its keyrings under XDG_DATA_HOME; point it at the temp dir so no real keyring is touched.
export XDG_DATA_HOME="$keyring_dir/data"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$keyring_dir/run}"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The password only unlocks this throwaway keyring; it is random and never stored.
password="$(head -c 24 /dev/urandom | base64)"
eval "$(printf '%s' "$password" | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
