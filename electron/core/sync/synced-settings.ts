/**
 * Which settings follow the student to other machines. An allow-list, not every key of the `settings` table:
 * a setting about this machine (a path, a window size, a device choice) must neither leave it nor be
 * overwritten by another machine's. A key not listed here is never put in the outbox, is ignored when pulled,
 * and stays on sign-out.
 */
export const READER_SETTINGS_KEY = 'reader.settings';

const SYNCED_SETTING_KEYS: ReadonlySet<string> = new Set([READER_SETTINGS_KEY]);

export const isSyncedSetting = (key: string): boolean => SYNCED_SETTING_KEYS.has(key);

/** For SQL: `key IN (...)` over the synced keys. */
export const syncedSettingKeys = (): string[] => [...SYNCED_SETTING_KEYS];
