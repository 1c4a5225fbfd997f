/**
 * The one logger of this program. Modules take a scope at load time (`const log = logger('engine')`); the program's
 * entry point calls startLogging once it knows its data dir and configuration, and from then on every scope writes
 * to `DATA/logs/PROGRAM.log` (and stderr in development). Until then lines go to stderr only, so nothing logged
 * early is lost.
 */
import { join } from 'node:path';
import type { DesktopConfig } from '../config/desktop-config.js';
import { createLogger, levelMethods, type Logger, type LogSink } from './logger.js';
import { rotatingFile } from './rotating-file.js';

/** Each program its own file: see rotating-file.ts on sharing a data dir. */
export type Program = 'main' | 'engine' | 'web' | 'cli';

const stderrSink: LogSink = (line) => void process.stderr.write(`${line}\n`);
let current = createLogger({ level: 'info', sinks: [stderrSink] });

export function startLogging(options: {
  program: Program;
  dataDir: string;
  config: Pick<DesktopConfig, 'log'>;
  /** Also to stderr when the configuration does not say (READER_LOG_STDERR). */
  development: boolean;
}): void {
  const { program, dataDir, config, development } = options;
  const sinks = [rotatingFile({ dir: join(dataDir, 'logs'), name: program })];
  if (config.log.stderr ?? development) sinks.push(stderrSink);
  current = createLogger({ level: config.log.level, sinks });
}

/** A scope of the program's logger; it follows startLogging, so it may be taken before. */
export function logger(scope: string): Logger {
  return levelMethods((level, msg, fields) => current(scope)[level](msg, fields));
}
