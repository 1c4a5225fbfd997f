// Development only, loaded into Electron with NODE_OPTIONS="--require <this file>" by scripts/start.mjs.
//
// better-sqlite3 is a V8-ABI addon: one build cannot serve both Node (CLI, web host, tests) and Electron. The copy
// in node_modules stays built for Node; start.mjs builds a second one for Electron's ABI under
// node_modules/.cache/electron-abi, and this sends Electron's loads of the addon to that copy. A --require preload
// runs in every thread, so the search indexer's worker threads are covered too. Under plain Node it does nothing.
// Packaged apps need none of this: electron-builder rebuilds native modules for Electron while packaging.
'use strict';
const { existsSync } = require('node:fs');
const Module = require('node:module');
const { join, sep } = require('node:path');

const ADDON_TAIL = join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const electronAddon = join(__dirname, '..', 'node_modules', '.cache', 'electron-abi', 'node_modules', ADDON_TAIL);

/** Which file to load for a resolved module path: the Electron build for the Node build's addon, else unchanged. */
function redirectAddon(resolved, addon) {
  return resolved.endsWith(sep + ADDON_TAIL) && resolved !== addon ? addon : resolved;
}

if (process.versions.electron && existsSync(electronAddon)) {
  // Module._resolveFilename is internal but long-stable; `bindings`, which better-sqlite3 uses, goes through it.
  const original = Module._resolveFilename;
  Module._resolveFilename = function resolveFilename(request, ...rest) {
    return redirectAddon(original.call(this, request, ...rest), electronAddon);
  };
}

module.exports = { electronAddon, redirectAddon };
