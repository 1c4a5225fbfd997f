/**
 * The lab policy an administrator sets for every reader on a machine: one schema for every source (the JSON file,
 * the Windows registry, macOS managed preferences), so each key means the same thing wherever it is set.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { RemoteUrlSchema } from '../account/remote-url.js';
import type { UpdateMode } from './policy-types.js';

export const UPDATE_MODES = ['auto', 'notify', 'off'] as const satisfies readonly UpdateMode[];

/** Every key is optional; an unknown key is an error, so a misspelt key is reported instead of silently ignored. */
export const PolicySchema = z
  .object({
    serviceUrl: RemoteUrlSchema,
    updateMode: z.enum(UPDATE_MODES, { error: `must be one of ${UPDATE_MODES.join(', ')}` }),
    requireKeychain: z.boolean({ error: 'must be true or false' }),
    rememberSession: z.boolean({ error: 'must be true or false' }),
    contentDir: z.string().trim().min(1).refine((p) => isAbsolute(p), 'must be an absolute path'),
    allowImport: z.boolean({ error: 'must be true or false' }),
    anonymousAsk: z.boolean({ error: 'must be true or false' }),
    /** The reader has no telemetry; the key exists so a lab's "telemetry off" policy is accepted, and only that. */
    telemetry: z.literal(false, { error: 'must be false (the reader has no telemetry)' }),
  })
  .partial()
  .strict();
export type PolicyValues = z.output<typeof PolicySchema>;
export type PolicyKey = keyof PolicyValues;

export const POLICY_KEYS = Object.keys(PolicySchema.shape) as PolicyKey[];
/** Keys whose value is true/false; the registry stores them as REG_DWORD 0 or 1. */
export const BOOLEAN_POLICY_KEYS: ReadonlySet<string> = new Set<PolicyKey>(['requireKeychain', 'rememberSession', 'allowImport', 'anonymousAsk', 'telemetry']);

/** Checks one source's raw values; the error text names each bad key and what it must be. */
export function parsePolicyValues(raw: unknown): { ok: true; values: PolicyValues } | { ok: false; problem: string } {
  const parsed = PolicySchema.safeParse(raw);
  if (parsed.success) return { ok: true, values: parsed.data };
  const problems = parsed.error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}`;
    return i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message;
  });
  return { ok: false, problem: problems.join('; ') };
}
