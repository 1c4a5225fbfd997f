/** Reader settings: loaded once, saved through the engine, applied to the document as a theme and CSS variables. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Settings } from '../../../electron/core/contract';
import { reader } from '../reader';

const DEFAULTS: Settings = { theme: 'system', fontSize: 18, lineWidth: 70 };
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function usePrefersDark(): boolean {
  const [dark, setDark] = useState(() => darkQuery().matches);
  useEffect(() => {
    const query = darkQuery();
    const update = () => setDark(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return dark;
}

export interface SettingsState {
  settings: Settings;
  /** The theme actually shown: `system` resolved through prefers-color-scheme. */
  appliedTheme: 'light' | 'dark' | 'sepia';
  update(patch: Partial<Settings>): Promise<void>;
}

export function useSettings(onError: (err: unknown) => void): SettingsState {
  const [settings, setSettings] = useState<Settings>(DEFAULTS);
  const prefersDark = usePrefersDark();
  const appliedTheme = settings.theme === 'system' ? (prefersDark ? 'dark' : 'light') : settings.theme;

  useEffect(() => {
    reader.getSettings({}).then(setSettings, onError);
  }, [onError]);

  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = appliedTheme;
    root.style.setProperty('--reading-font-size', `${settings.fontSize}px`);
    root.style.setProperty('--reading-line-width', `${settings.lineWidth}ch`);
  }, [appliedTheme, settings.fontSize, settings.lineWidth]);

  // Quick changes (arrow keys on a slider) overlap. Saves go out one at a time, in order: separate requests can
  // reach the engine out of order, and an older value stored last would come back after a restart. Only the newest
  // change's answer is applied, else an older answer arriving late would undo the steps made since.
  const latest = useRef(0);
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  const update = useCallback(
    async (patch: Partial<Settings>) => {
      const seq = ++latest.current;
      setSettings((current) => ({ ...current, ...patch }));
      const save = saving.current.then(() => reader.setSettings(patch));
      saving.current = save.catch(() => undefined);
      try {
        const saved = await save;
        if (seq === latest.current) setSettings(saved);
      } catch (err) {
        onError(err);
      }
    },
    [onError],
  );

  return { settings, appliedTheme, update };
}
