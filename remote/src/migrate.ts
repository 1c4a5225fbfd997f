import { loadConfig } from './config.js';
import { migrateDatabase } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { loadOrCreateLocalSecret } from './local-secret.js';

/**
 * `npm run remote:migrate`: creates or updates every table on DIRECT_DATABASE_URL (falling back to DATABASE_URL),
 * or on the embedded database when neither is set (stop `npm run remote` first: PGlite is single-process).
 */
const config = loadConfig();
const db = await openDatabase(config, { direct: true });
try {
  const secret = config.authSecret ?? (db.kind === 'embedded' ? await loadOrCreateLocalSecret(config.dataDir) : 'migration-only-secret-not-used-to-sign-anything');
  const publicUrl = config.publicUrl ?? `http://${config.host}:${config.port}`;
  await db.exclusive(() => migrateDatabase({ config, database: db.auth, sql: db.sql, secret, publicUrl, issuer: config.jwt.issuer ?? publicUrl, log: () => {} }));
  console.log(`remote:migrate: ${db.kind} database is up to date`);
} catch (err) {
  console.error(`remote:migrate: failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
