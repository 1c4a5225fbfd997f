/**
 * A log file that rotates by size: `NAME.log`, then `NAME.1.log` (newest) .. `NAME.K.log`. Owner-only (0600 in a
 * 0700 folder), like the rest of the data dir.
 *
 * Two processes on one data dir: each program writes its own file (main, engine, web, cli), so in normal use a file
 * has one writer and one rotator. Should two run at once anyway (the web host and the app on one data dir), every
 * line is one append (O_APPEND) by path, so lines interleave whole and a write after another process rotated lands
 * in the new file; two rotating at the same moment at worst shift an almost empty file along. No line is lost or
 * cut, and no lock is needed.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RotatingFileOptions {
  dir: string;
  /** File name without `.log`. */
  name: string;
  /** Rotate before a line would take the file past this size. */
  maxBytes?: number;
  /** Rotated files kept. */
  keep?: number;
}

export const DEFAULT_MAX_LOG_BYTES = 1024 * 1024;
export const DEFAULT_KEPT_LOGS = 3;

const size = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

const moveIfThere = (from: string, to: string): void => {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
};

/** A writer of whole lines; it throws when the disk refuses (the caller decides what a lost line costs). */
export function rotatingFile(options: RotatingFileOptions): (line: string) => void {
  const { dir, name, maxBytes = DEFAULT_MAX_LOG_BYTES, keep = DEFAULT_KEPT_LOGS } = options;
  const file = (n: number) => join(dir, n === 0 ? `${name}.log` : `${name}.${n}.log`);
  // Made on the first line, so a program that logs nothing (e.g. `reader check`) leaves the data dir untouched.
  let made = false;
  return (line) => {
    if (!made) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      made = true;
    }
    const text = `${line}\n`;
    const current = size(file(0));
    if (current > 0 && current + Buffer.byteLength(text) > maxBytes) {
      for (let n = keep - 1; n >= 0; n--) moveIfThere(file(n), file(n + 1));
    }
    appendFileSync(file(0), text, { mode: 0o600 });
  };
}
