#!/usr/bin/env bash
# The one test command: typecheck, unit and integration tests, then the end-to-end specs in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s typecheck
npx vitest run
npx playwright test
