/**
 * Every SQLite file the engine opens goes through here, so better-sqlite3 loads the addon the configuration names
 * (READER_SQLITE_BINDING: the copy built for Electron's ABI, in development and in the Electron test fixture)
 * in the engine process and its worker threads alike. Unset, better-sqlite3 finds its own build.
 */
import Database from 'better-sqlite3';
import { desktopConfig, type DesktopConfig } from '../config/desktop-config.js';

export function openDatabase(path: string, config: Pick<DesktopConfig, 'sqliteBinding'> = desktopConfig()): Database.Database {
  return new Database(path, config.sqliteBinding ? { nativeBinding: config.sqliteBinding } : {});
}
