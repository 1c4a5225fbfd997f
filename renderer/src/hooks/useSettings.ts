/** Reader settings: loaded once, saved through the engine, applied to the document as a theme and CSS variables. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Settings } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';

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

  // The controls work before the stored settings arrive: a change made meanwhile is saved as a patch and stays on
  // top of what the load brings, instead of the load putting the old value back on screen.
  const changedBeforeLoad = useRef<Partial<Settings> | null>({});
  useEffect(() => {
    reader.getSettings({}).then((stored) => {
      setSettings({ ...stored, ...changedBeforeLoad.current });
      changedBeforeLoad.current = null;
    }, onError);
  }, [onError]);

  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = appliedTheme;
    root.style.setProperty('--reading-font-size', `${settings.fontSize}px`);
    root.style.setProperty('--reading-line-width', `${settings.lineWidth}ch`);
  }, [appliedTheme, settings.fontSize, settings.lineWidth]);

  // Quick changes (arrow keys on a slider) come faster than saves. One save is in flight at a time, carrying every
  // change made since the last one: separate requests could reach the engine out of order (an older value stored
  // last would come back after a restart), and an answer is applied only when no newer change waits, else it would
  // undo the steps made since.
  const queue = useRef<{ waiting: Partial<Settings>; running: boolean }>({ waiting: {}, running: false });
  const update = useCallback(
    async (patch: Partial<Settings>) => {
      setSettings((current) => ({ ...current, ...patch }));
      if (changedBeforeLoad.current) changedBeforeLoad.current = { ...changedBeforeLoad.current, ...patch };
      const q = queue.current;
      q.waiting = { ...q.waiting, ...patch };
      if (q.running) return;
      q.running = true;
      try {
        while (Object.keys(q.waiting).length > 0) {
          const next = q.waiting;
          q.waiting = {};
          try {
            const saved = await reader.setSettings(next);
            if (Object.keys(q.waiting).length === 0) setSettings(saved);
          } catch (err) {
            onError(err);
          }
        }
      } finally {
        q.running = false;
      }
    },
    [onError],
  );

  return { settings, appliedTheme, update };
}
