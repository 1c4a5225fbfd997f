/**
 * The effective policy: per key, the machine's value, else the user-level one (Windows HKCU), else the default;
 * each with where it came from. Read once at start by each program; an invalid source is reported and ignored.
 */
import { join } from 'node:path';
import type { PolicyKey, PolicyValues } from './policy-schema.js';
import { POLICY_KEYS } from './policy-schema.js';
import type { EffectivePolicy, EffectiveValues, PolicyLevel, PolicyNotice, PolicySetting, PolicySettings } from './policy-types.js';
import type { PolicySourceResult } from './policy-source.js';
import { readPolicyFile } from './policy-file.js';
import { POLICY_REGISTRY_PATH, readRegistryPolicy } from './windows-registry.js';
import { MACOS_POLICY_PATH, readManagedPreferences } from './macos-managed-preferences.js';

export const LINUX_POLICY_PATH = '/etc/physical-ai-reader/policy.json';

export interface PolicySource {
  level: PolicyLevel;
  /** The file or registry key, for people. */
  location: string;
  read(): PolicySourceResult;
}

/** Preinstalled books, per OS. */
export function defaultContentDir(platform: NodeJS.Platform, env: { ProgramData?: string | undefined } = {}): string {
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'PhysicalAIReader', 'books');
  if (platform === 'darwin') return '/Library/Application Support/PhysicalAIReader/books';
  return '/usr/share/physical-ai-reader/books';
}

/** The sources for this program: READER_POLICY_PATH alone when set, else the platform's. */
export function policySources(platform: NodeJS.Platform, policyPath: string | undefined): PolicySource[] {
  const file = (location: string): PolicySource => ({ level: 'machine', location, read: () => readPolicyFile(location) });
  if (policyPath) return [file(policyPath)];
  if (platform === 'win32') {
    return (['HKLM', 'HKCU'] as const).map((hive) => ({
      level: hive === 'HKLM' ? 'machine' : 'user',
      location: `${hive}\\${POLICY_REGISTRY_PATH}`,
      read: () => readRegistryPolicy(hive),
    }));
  }
  if (platform === 'darwin') return [{ level: 'machine', location: MACOS_POLICY_PATH, read: () => readManagedPreferences() }];
  return [file(LINUX_POLICY_PATH)];
}

/** Merges the sources, machine before user; never throws. */
export function resolvePolicy(sources: PolicySource[], defaults: EffectiveValues): EffectivePolicy {
  const notices: PolicyNotice[] = [];
  const read: { source: PolicySource; values: PolicyValues }[] = [];
  for (const source of sources) {
    let result: PolicySourceResult;
    try {
      result = source.read();
    } catch (err) {
      result = { kind: 'invalid', problem: `cannot be read (${(err as Error).message})` };
    }
    if (result.kind === 'valid') read.push({ source, values: result.values });
    else if (result.kind === 'invalid') {
      notices.push({ location: source.location, message: `The policy at ${source.location} was ignored: ${result.problem}.` });
    }
  }
  const rank = (level: PolicyLevel) => (level === 'machine' ? 0 : 1);
  read.sort((a, b) => rank(a.source.level) - rank(b.source.level));
  const setting = <K extends PolicyKey>(key: K): PolicySetting<EffectiveValues[K]> => {
    const from = read.find((r) => r.values[key] !== undefined);
    if (!from) return { value: defaults[key], source: 'default', location: null };
    return { value: from.values[key] as EffectiveValues[K], source: from.source.level, location: from.source.location };
  };
  const settings = Object.fromEntries(POLICY_KEYS.map((k) => [k, setting(k)])) as PolicySettings;
  return { settings, notices };
}

export function loadPolicy(options: { platform: NodeJS.Platform; policyPath: string | undefined; env?: { ProgramData?: string | undefined } }): EffectivePolicy {
  return resolvePolicy(policySources(options.platform, options.policyPath), {
    serviceUrl: null,
    updateMode: null,
    requireKeychain: false,
    rememberSession: true,
    contentDir: defaultContentDir(options.platform, options.env),
    allowImport: true,
    anonymousAsk: true,
    telemetry: false,
  });
}

/** Just the values, for the parts that enforce them. */
export function policyValues(policy: EffectivePolicy): EffectiveValues {
  return Object.fromEntries(Object.entries(policy.settings).map(([k, s]) => [k, s.value])) as unknown as EffectiveValues;
}

/** True when an administrator set this key (the Settings panel disables its control). */
export const isLocked = (setting: PolicySetting<unknown>): boolean => setting.source !== 'default';
