/**
 * macOS policy: the managed preferences a configuration profile installs for our bundle id. `plutil` (part of
 * macOS) turns the binary or XML plist into JSON, which is then parsed like a policy.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parsePolicyJson, type PolicySourceResult } from './policy-source.js';
import { MAX_POLICY_BYTES } from './policy-file.js';

export const MACOS_POLICY_PATH = '/Library/Managed Preferences/org.physicalai.reader.plist';
/** Keys a profile adds to every managed preferences file; they are not policy. */
const PROFILE_KEYS = new Set(['PayloadUUID', 'PayloadIdentifier', 'PayloadType', 'PayloadVersion', 'PayloadDisplayName']);

/** Parses plutil's JSON output of the managed preferences. */
export function parseManagedPreferencesJson(json: string): PolicySourceResult {
  return parsePolicyJson(json, PROFILE_KEYS);
}

export function readManagedPreferences(path = MACOS_POLICY_PATH): PolicySourceResult {
  if (!existsSync(path)) return { kind: 'absent' };
  const r = spawnSync('plutil', ['-convert', 'json', '-o', '-', path], { encoding: 'utf8', timeout: 5000, maxBuffer: MAX_POLICY_BYTES });
  if (r.error || r.status !== 0) return { kind: 'invalid', problem: `cannot be read by plutil (${r.error?.message ?? r.stderr.trim()})` };
  return parseManagedPreferencesJson(r.stdout);
}
