// Development only: where `npm start -- --prepare` builds better-sqlite3 for Electron's ABI.
//
// better-sqlite3 is a V8-ABI addon: one build cannot serve both Node (CLI, web host, tests) and Electron. The copy
// in node_modules stays built for Node; scripts/start.mjs builds a second one for Electron under
// node_modules/.cache/electron-abi, and `npm start` and the Electron test fixture hand its path to the app as
// READER_SQLITE_BINDING (electron/core/sqlite/open-database.ts loads it). Not a NODE_OPTIONS --require hook:
// Playwright's _electron.launch drops NODE_OPTIONS, and packaged apps ignore it (fuse). Packaged apps need none of
// this: electron-builder rebuilds native modules for Electron while packaging.
'use strict';
const { join } = require('node:path');

const electronAddon = join(__dirname, '..', 'node_modules', '.cache', 'electron-abi', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

module.exports = { electronAddon };
