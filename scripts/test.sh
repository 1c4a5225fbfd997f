#!/usr/bin/env bash
# The one test command: typecheck, lint (layer rules, cycles, promises: eslint.config.js), unit and integration
# tests, then the end-to-end specs in Chromium.
# Tests run inside a private D-Bus session with a real, unlocked Secret Service (gnome-keyring), and keychain
# tests fail rather than skip when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s typecheck
npm run -s lint
export READER_REQUIRE_KEYRING=1
scripts/with-keyring.sh npx vitest run
scripts/with-keyring.sh npx playwright test
