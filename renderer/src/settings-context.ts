import { createContext, useContext } from 'react';
import type { SettingsState } from './hooks/useSettings.js';

export const SettingsContext = createContext<SettingsState | null>(null);

export function useSettingsContext(): SettingsState {
  const state = useContext(SettingsContext);
  if (!state) throw new Error('SettingsContext is missing');
  return state;
}
