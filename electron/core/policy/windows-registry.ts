/**
 * Windows policy: values under HKLM\SOFTWARE\Policies\PhysicalAIReader (machine) and the same path under HKCU
 * (user), as Group Policy writes them, read with `reg query` (no native addon needed).
 */
import { spawnSync } from 'node:child_process';
import { BOOLEAN_POLICY_KEYS } from './policy-schema.js';
import { fromRaw, type PolicySourceResult } from './policy-source.js';

export const POLICY_REGISTRY_PATH = 'SOFTWARE\\Policies\\PhysicalAIReader';
export type RegistryHive = 'HKLM' | 'HKCU';

/**
 * Parses `reg query <key>` output: a line per value, `    name    REG_TYPE    data`. REG_SZ stays text; REG_DWORD
 * becomes a number, and 0/1 become false/true for the boolean keys (Group Policy has no boolean type).
 */
export function parseRegQuery(output: string): PolicySourceResult {
  const raw: Record<string, unknown> = {};
  for (const line of output.split(/\r?\n/)) {
    const m = /^\s+(\S+)\s+(REG_[A-Z_]+)(?:\s+(.*))?$/.exec(line);
    if (!m) continue;
    const [, name = '', type, data = ''] = m;
    if (type === 'REG_SZ' || type === 'REG_EXPAND_SZ') raw[name] = data.trim();
    else if (type === 'REG_DWORD') {
      const n = Number.parseInt(data.trim(), 16);
      raw[name] = BOOLEAN_POLICY_KEYS.has(name) && (n === 0 || n === 1) ? n === 1 : n;
    } else return { kind: 'invalid', problem: `${name}: ${type} values are not supported (use REG_SZ or REG_DWORD)` };
  }
  return Object.keys(raw).length === 0 ? { kind: 'absent' } : fromRaw(raw);
}

export function readRegistryPolicy(hive: RegistryHive): PolicySourceResult {
  const r = spawnSync('reg', ['query', `${hive}\\${POLICY_REGISTRY_PATH}`], { encoding: 'utf8', timeout: 5000, windowsHide: true });
  // reg exits 1 when the key does not exist: no policy at that level.
  if (r.error || r.status !== 0) return { kind: 'absent' };
  return parseRegQuery(r.stdout);
}
