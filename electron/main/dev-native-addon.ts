/**
 * Development only: better-sqlite3 is a V8-ABI addon, so one build cannot serve both Node (CLI, web host, tests)
 * and Electron. node_modules keeps the Node build; `npm start` builds a second copy for Electron's ABI under
 * node_modules/.cache/electron-abi (scripts/start.mjs), and this redirects the addon's load to that copy when it
 * exists. Packaged apps need none of this: electron-builder rebuilds native modules for Electron while packaging.
 */
import { existsSync } from 'node:fs';
import Module from 'node:module';
import { join, sep } from 'node:path';

const ADDON_TAIL = ['better-sqlite3', 'build', 'Release', 'better_sqlite3.node'];

export function electronAbiAddonPath(projectRoot: string): string {
  return join(projectRoot, 'node_modules', '.cache', 'electron-abi', 'node_modules', ...ADDON_TAIL);
}

/** Which file to load for a resolved module path: the Electron build for the Node build's addon, else unchanged. */
export function redirectAddon(resolved: string, electronAddon: string): string {
  return resolved.endsWith(sep + ADDON_TAIL.join(sep)) && resolved !== electronAddon ? electronAddon : resolved;
}

type Resolver = (this: unknown, request: string, ...rest: unknown[]) => string;

/** Returns whether the Electron build was found and the redirect installed. */
export function useElectronAbiSqlite(projectRoot: string): boolean {
  const addon = electronAbiAddonPath(projectRoot);
  if (!existsSync(addon)) return false;
  // Module._resolveFilename is internal but stable; `bindings` (used by better-sqlite3) goes through it.
  const loader = Module as unknown as { _resolveFilename: Resolver };
  const original = loader._resolveFilename;
  loader._resolveFilename = function (request, ...rest) {
    return redirectAddon(original.call(this, request, ...rest), addon);
  };
  return true;
}
