import { getMigrations } from 'better-auth/db/migration';
import type { Sql } from './sql.js';
import { authOptions, type AuthSettings } from '../auth.js';
import { migrateOwnSchema } from './schema.js';

/** better-auth's tables (users, sessions, accounts, jwks, ...) plus ours. Safe to run again. */
export async function migrateDatabase(settings: Omit<AuthSettings, 'limiter'> & { sql: Sql }): Promise<void> {
  const { runMigrations } = await getMigrations(authOptions(settings));
  await runMigrations();
  await migrateOwnSchema(settings.sql);
}
