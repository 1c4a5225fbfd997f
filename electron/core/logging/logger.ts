/**
 * Scoped, levelled logging as JSON lines: `{"time","level","scope","msg",...fields}`, secrets redacted (redact.ts).
 * One logger per program writes to its sinks (a rotating file in the data dir, stderr in development); parts of
 * the program take a scope of it: `logger('engine').error('could not start', { error })`.
 */
import type { LogLevel } from '../config/desktop-config.js';
import { redact, redactText } from './redact.js';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** Keys every line has; a field of the same name cannot replace them. */
const RESERVED = new Set(['time', 'level', 'scope', 'msg']);

export type LogFields = Record<string, unknown>;
export type LogSink = (line: string) => void;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface LogOptions {
  level: LogLevel;
  sinks: LogSink[];
  now?: () => Date;
}

/** One JSON line, redacted. */
export function formatLine(time: Date, level: LogLevel, scope: string, msg: string, fields: LogFields = {}): string {
  const safe = redact(Object.fromEntries(Object.entries(fields).filter(([k]) => !RESERVED.has(k)))) as LogFields;
  return JSON.stringify({ time: time.toISOString(), level, scope, msg: redactText(msg), ...safe });
}

/** Scoped loggers over one set of sinks; lines under the level are dropped before any formatting. */
export function createLogger(options: LogOptions): (scope: string) => Logger {
  const now = options.now ?? (() => new Date());
  const write = (level: LogLevel, scope: string, msg: string, fields?: LogFields) => {
    if (RANK[level] < RANK[options.level]) return;
    const line = formatLine(now(), level, scope, msg, fields);
    for (const sink of options.sinks) {
      try {
        sink(line);
      } catch {
        // A full disk or a closed stderr must not take the reader down with it; other sinks still get the line.
      }
    }
  };
  return (scope) => levelMethods((level, msg, fields) => write(level, scope, msg, fields));
}

/** The four level methods over one writer. */
export function levelMethods(write: (level: LogLevel, msg: string, fields?: LogFields) => void): Logger {
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
  };
}
