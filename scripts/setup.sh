#!/usr/bin/env bash
# One-step install: system packages (where we can), then npm dependencies, then the Electron binary if reachable.
#
# Why this is not a bare `npm install`: keytar builds from source against libsecret, tests need Chromium, a Secret
# Service and PostgreSQL, and Electron's postinstall downloads its binary, which fails on closed networks. The web
# host serves the reader when that binary is missing, so its download is tried but never fatal.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(libsecret-1-dev gnome-keyring dbus dbus-x11 python3 make g++)
# The web e2e project drives a system browser: Debian's chromium, or Google Chrome where present (Ubuntu has
# Chromium only as a snap; GitHub's Ubuntu runners have Chrome).
if [ ! -x /usr/bin/chromium ] && [ ! -x /usr/bin/google-chrome ]; then apt_packages+=(chromium); fi
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then apt_packages+=(postgresql); fi

install_system_packages() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
      echo "setup: not root and no passwordless sudo; install these yourself: ${apt_packages[*]}" >&2
      return 0
    fi
  fi
  local missing=()
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing system packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

if command -v apt-get >/dev/null && command -v dpkg-query >/dev/null; then
  install_system_packages
else
  echo "setup: no apt-get here; make sure libsecret, a Secret Service, Chromium and PostgreSQL are installed" >&2
fi

# Native modules (better-sqlite3, keytar) build here; Electron's download is attempted separately below.
# `npm install`, not `npm ci`: the lock file cannot list LanceDB's per-platform packages that the registry here does
# not serve, and `npm ci` refuses a lock without them; `npm install` keeps the locked versions all the same.
ELECTRON_SKIP_BINARY_DOWNLOAD=1 ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund
# ...so LanceDB's native package for this machine is installed by name when the lock has none for it, then loaded.
npx tsx scripts/lancedb-platform.ts

# Electron's binary: since Electron 42 no postinstall fetches it, and `require('electron')` itself starts a download,
# so look for the installed file instead (what its installer records in path.txt), and fetch it explicitly, with a
# time limit, when it is missing. Never fatal: without it `npm start` serves the reader in a browser.
electron_pkg=node_modules/electron
electron_installed() {
  [ -f "$electron_pkg/path.txt" ] && [ -e "$electron_pkg/dist/$(cat "$electron_pkg/path.txt")" ]
}
if electron_installed; then
  echo "setup: Electron binary present"
elif timeout "${READER_ELECTRON_DOWNLOAD_TIMEOUT:-300}" node "$electron_pkg/install.js" >/dev/null 2>&1 && electron_installed; then
  echo "setup: Electron binary downloaded"
else
  echo "setup: Electron binary could not be downloaded; \`npm start\` will serve the reader in your browser instead"
fi
