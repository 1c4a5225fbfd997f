/**
 * The account's own SQLite file in the data dir: the last JWKS per remote service, the last profile, the remote
 * URL setting, and personalized chapters. Never tokens: those live only in the vault. Kept apart from the library
 * database so the two evolve (and migrate) independently.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { HardwareBackgroundSchema, SoftwareBackgroundSchema, type Profile } from '../contract.js';
import { preparePrivateDataDir } from '../private-data-dir.js';
import { openDatabase } from '../sqlite/open-database.js';

const MIGRATIONS = [
  `CREATE TABLE cache (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE personalized (
     content_hash TEXT NOT NULL,
     background TEXT NOT NULL,
     book_id TEXT NOT NULL,
     chapter_id TEXT NOT NULL,
     markdown TEXT NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (content_hash, background)
   );
   CREATE INDEX personalized_chapter ON personalized (book_id, chapter_id);`,
];

export interface PersonalizedRow {
  contentHash: string;
  background: string;
  bookId: string;
  chapterId: string;
  markdown: string;
  createdAt: string;
}

export type AccountStore = ReturnType<typeof openAccountStore>;

export function openAccountStore(dataDir: string) {
  preparePrivateDataDir(dataDir);
  const db = openDatabase(join(dataDir, 'account.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Deleted rows (a signed-out user's chapters) are overwritten, not left readable in free pages.
  db.pragma('secure_delete = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v] as string);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();

  const getCache = db.prepare<[string], { value: string }>('SELECT value FROM cache WHERE key = ?');
  const putCache = db.prepare(
    `INSERT INTO cache (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const dropCache = db.prepare('DELETE FROM cache WHERE key = ?');

  function readJson<T extends z.ZodType>(key: string, schema: T): z.output<T> | null {
    const row = getCache.get(key);
    if (!row) return null;
    try {
      const parsed = schema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
  const writeJson = (key: string, value: unknown) => putCache.run(key, JSON.stringify(value), new Date().toISOString());

  const ProfileSchema = z.object({
    email: z.string(),
    name: z.string(),
    softwareBackground: SoftwareBackgroundSchema,
    hardwareBackground: HardwareBackgroundSchema,
    softwareDetail: z.string().nullable(),
    hardwareDetail: z.string().nullable(),
  });
  const JwksSchema = z.object({ keys: z.array(z.looseObject({ kty: z.string() })) });

  const getPersonalized = db.prepare<[string, string], PersonalizedRow>(
    `SELECT content_hash AS contentHash, background, book_id AS bookId, chapter_id AS chapterId, markdown,
            created_at AS createdAt
       FROM personalized WHERE content_hash = ? AND background = ?`,
  );
  const putPersonalized = db.prepare(
    `INSERT INTO personalized (content_hash, background, book_id, chapter_id, markdown, created_at)
     VALUES (@contentHash, @background, @bookId, @chapterId, @markdown, @createdAt)
     ON CONFLICT (content_hash, background) DO UPDATE SET
       book_id = excluded.book_id, chapter_id = excluded.chapter_id, markdown = excluded.markdown,
       created_at = excluded.created_at`,
  );

  return {
    remoteUrl: () => readJson('remote-url', z.string().url()),
    setRemoteUrl: (url: string) => writeJson('remote-url', url),

    jwks: (remoteUrl: string) => readJson(`jwks:${remoteUrl}`, JwksSchema),
    setJwks: (remoteUrl: string, jwks: { keys: unknown[] }) => writeJson(`jwks:${remoteUrl}`, jwks),

    profile: (): Profile | null => readJson('profile', ProfileSchema),
    setProfile: (profile: Profile) => writeJson('profile', profile),

    personalized: (contentHash: string, background: string) => getPersonalized.get(contentHash, background) ?? null,
    savePersonalized: (row: Omit<PersonalizedRow, 'createdAt'>) =>
      putPersonalized.run({ ...row, createdAt: new Date().toISOString() }),

    /** Sign-out on a shared machine: the profile and every personalized chapter go with the session. */
    forgetUser: () => {
      db.transaction(() => {
        dropCache.run('profile');
        db.prepare('DELETE FROM personalized').run();
      })();
      // Fold the WAL back so the deleted text does not linger in it either.
      db.pragma('wal_checkpoint(TRUNCATE)');
    },

    close: () => db.close(),
  };
}
