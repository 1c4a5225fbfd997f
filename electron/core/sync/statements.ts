/** Prepared statements kept per database: applying 10,000 pulled records must not prepare 50,000 statements. */
import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function statement(db: Database.Database, sql: string): Database.Statement {
  let forDb = cache.get(db);
  if (!forDb) cache.set(db, (forDb = new Map()));
  let s = forDb.get(sql);
  if (!s) forDb.set(sql, (s = db.prepare(sql)));
  return s;
}
