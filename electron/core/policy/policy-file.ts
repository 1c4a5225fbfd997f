/** Reads a JSON policy file defensively: it comes from outside and must never stop the reader from starting. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parsePolicyJson, type PolicySourceResult } from './policy-source.js';

/** A policy is a handful of keys; anything bigger is a mistake (or /dev/zero behind a symlink). */
export const MAX_POLICY_BYTES = 64 * 1024;

export function readPolicyFile(path: string): PolicySourceResult {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    return { kind: 'invalid', problem: `cannot be read (${code ?? (err as Error).message})` };
  }
  try {
    const stat = fstatSync(fd);
    // Checked on the opened file, so a symlink to a device or a directory is caught whatever it points at.
    if (!stat.isFile()) return { kind: 'invalid', problem: 'is not a regular file' };
    if (stat.size > MAX_POLICY_BYTES) return { kind: 'invalid', problem: `is larger than ${MAX_POLICY_BYTES} bytes` };
    const buf = Buffer.alloc(MAX_POLICY_BYTES + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buf.length; length += n) n = readSync(fd, buf, length, buf.length - length, null);
    if (length > MAX_POLICY_BYTES) return { kind: 'invalid', problem: `is larger than ${MAX_POLICY_BYTES} bytes` };
    return parsePolicyJson(buf.subarray(0, length).toString('utf8'));
  } catch (err) {
    return { kind: 'invalid', problem: `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  } finally {
    closeSync(fd);
  }
}
