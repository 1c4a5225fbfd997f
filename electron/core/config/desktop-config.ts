/**
 * Every setting the desktop takes from the environment, in one validated place. Each program (Electron main, the
 * engine process, the web host, the CLI) loads it once at start and passes it down, so a bad value stops start-up
 * with the variable's name instead of surfacing later, somewhere else. Nothing else in the desktop reads
 * process.env for its own settings.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { RemoteUrlSchema } from '../account/remote-url.js';

export const APP_DIR_NAME = 'physical-ai-reader';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The service's JWT_AUDIENCE default. */
export const DEFAULT_AUDIENCE = 'physical-ai-reader';
export const DEFAULT_KEYCHAIN_SERVICE = 'physical-ai-reader';
const MB = 1024 * 1024;

const text = z.string().trim().min(1);
const EnvSchema = z.object({
  /** Per-user data dir override (tests, lab images); `--data` still wins where a program takes it. */
  READER_DATA_DIR: text.optional(),
  /** Used by the per-user data dir on Windows (the local profile) and Linux. */
  LOCALAPPDATA: text.optional(),
  XDG_CONFIG_HOME: text.optional(),
  /** Windows' machine-wide data folder, where preinstalled books live by default. */
  ProgramData: text.optional(),
  /** Another lab policy file to read instead of the machine's (trying a policy before rolling it out; tests). */
  READER_POLICY_PATH: text.optional(),
  /** The account service; beats the URL saved at the last sign-in, loses to an explicit choice (CLI --remote). */
  READER_REMOTE_URL: RemoteUrlSchema.optional(),
  /** What the service's tokens must name as issuer (its JWT_ISSUER); unset: the service URL. */
  READER_REMOTE_ISSUER: text.optional(),
  READER_REMOTE_AUDIENCE: text.default(DEFAULT_AUDIENCE),
  /** Keychain entry name, so test runs and lab images do not touch a reader's real session. */
  READER_KEYCHAIN_SERVICE: text.default(DEFAULT_KEYCHAIN_SERVICE),
  READER_LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  /** Log lines to stderr too: 1 or 0; unset, each program decides (on in development). */
  READER_LOG_STDERR: z.enum(['0', '1'], { error: 'must be 0 or 1' }).optional(),
  /** Largest book source file read on import. */
  READER_MAX_CHAPTER_BYTES: z.coerce
    .number({ error: 'must be a whole number of bytes' })
    .int('must be a whole number of bytes')
    .positive('must be at least 1')
    .max(1024 * MB, `must be at most ${1024 * MB}`)
    .optional(),
  /** electron-vite's development server for the renderer (development only). */
  ELECTRON_RENDERER_URL: z.url().optional(),
  /**
   * better-sqlite3's addon to load instead of the one beside its package (development only). The copy in
   * node_modules is built for Node; `npm start` and the Electron test fixture point Electron at a copy built for
   * its ABI. An environment variable rather than a --require hook, because Playwright drops NODE_OPTIONS.
   */
  READER_SQLITE_BINDING: text
    .refine((p) => isAbsolute(p), 'must be an absolute path')
    .refine((p) => existsSync(p), 'must name an existing better_sqlite3.node file')
    .optional(),
});

/**
 * The per-user data dir for this platform. On Windows it is in the local profile, not the roaming one: a lab's
 * roaming profile would copy the library, indexes and logs to every PC at each sign-in (the student's own work
 * follows them through sync instead); main passes it to Electron as userData.
 */
export function userDataDir(env: { LOCALAPPDATA?: string | undefined; XDG_CONFIG_HOME?: string | undefined }, platform: NodeJS.Platform): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

export interface RemoteSettings {
  /** READER_REMOTE_URL, when set. */
  url: string | undefined;
  issuer: string | undefined;
  audience: string;
}

export interface DesktopConfig {
  dataDir: string;
  remote: RemoteSettings;
  keychainService: string;
  log: { level: LogLevel; stderr: boolean | undefined };
  maxChapterBytes: number | undefined;
  rendererDevUrl: string | undefined;
  /** READER_SQLITE_BINDING: better-sqlite3's nativeBinding, when set. */
  sqliteBinding: string | undefined;
  /** READER_POLICY_PATH, resolved: read instead of the machine's policy. */
  policyPath: string | undefined;
  programData: string | undefined;
}

/** Parses the environment; throws one error naming every bad variable and what it must be. */
export function loadDesktopConfig(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
): DesktopConfig {
  // An empty variable (`READER_DATA_DIR=` in a script) means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(present[String(i.path[0])])})`);
    throw new Error(`Invalid reader configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    dataDir: e.READER_DATA_DIR ? resolve(e.READER_DATA_DIR) : userDataDir({ LOCALAPPDATA: e.LOCALAPPDATA, XDG_CONFIG_HOME: e.XDG_CONFIG_HOME }, platform),
    remote: { url: e.READER_REMOTE_URL?.replace(/\/+$/, ''), issuer: e.READER_REMOTE_ISSUER, audience: e.READER_REMOTE_AUDIENCE },
    keychainService: e.READER_KEYCHAIN_SERVICE,
    log: { level: e.READER_LOG_LEVEL, stderr: e.READER_LOG_STDERR === undefined ? undefined : e.READER_LOG_STDERR === '1' },
    maxChapterBytes: e.READER_MAX_CHAPTER_BYTES,
    rendererDevUrl: e.ELECTRON_RENDERER_URL,
    sqliteBinding: e.READER_SQLITE_BINDING,
    policyPath: e.READER_POLICY_PATH ? resolve(e.READER_POLICY_PATH) : undefined,
    programData: e.ProgramData,
  };
}

let loaded: DesktopConfig | null = null;

/**
 * This program's configuration, read from process.env on the first call. Entry points call it first, so a bad
 * variable fails start-up; parts that are not given a config explicitly fall back to the same object.
 */
export function desktopConfig(): DesktopConfig {
  return (loaded ??= loadDesktopConfig());
}
