/** What reading one policy source gives: nothing there, its values, or why the whole source is ignored. */
import { parsePolicyValues, type PolicyValues } from './policy-schema.js';

export type PolicySourceResult =
  | { kind: 'absent' }
  | { kind: 'valid'; values: PolicyValues }
  /** A partly valid source is ignored whole: a typo in one key never half-applies a lab's policy. */
  | { kind: 'invalid'; problem: string };

/**
 * Parses the text of a JSON policy (a policy.json, or macOS managed preferences converted by plutil); `ignoredKeys`
 * are dropped before validation.
 */
export function parsePolicyJson(text: string, ignoredKeys: ReadonlySet<string> = new Set()): PolicySourceResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { kind: 'invalid', problem: `not valid JSON (${(err as Error).message})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'invalid', problem: 'must be a JSON object' };
  return fromRaw(Object.fromEntries(Object.entries(raw).filter(([k]) => !ignoredKeys.has(k))));
}

export function fromRaw(raw: unknown): PolicySourceResult {
  const parsed = parsePolicyValues(raw);
  return parsed.ok ? { kind: 'valid', values: parsed.values } : { kind: 'invalid', problem: parsed.problem };
}
