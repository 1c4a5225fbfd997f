import type { Settings } from '../../../electron/core/contract';
import { useSettingsContext } from '../settings-context';
import { SHORTCUT_HELP } from './shortcut-help';

const THEMES: { value: Settings['theme']; label: string }[] = [
  { value: 'system', label: 'Follow system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'sepia', label: 'Sepia' },
];

export function SettingsPanel() {
  const { settings, update } = useSettingsContext();
  return (
    <div className="panel" data-testid="settings-panel">
      <h2>Settings</h2>
      <fieldset className="theme-choice">
        <legend>Theme</legend>
        {THEMES.map((theme) => (
          <label key={theme.value}>
            <input
              type="radio"
              name="theme"
              value={theme.value}
              checked={settings.theme === theme.value}
              onChange={() => void update({ theme: theme.value })}
              data-testid={`theme-${theme.value}`}
            />
            {theme.label}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="font-size">
          Font size <output htmlFor="font-size">{settings.fontSize}px</output>
        </label>
        <input
          id="font-size"
          type="range"
          min={12}
          max={32}
          step={1}
          value={settings.fontSize}
          onChange={(e) => void update({ fontSize: Number(e.target.value) })}
          data-testid="font-size"
        />
      </div>
      <div className="field">
        <label htmlFor="line-width">
          Line width <output htmlFor="line-width">{settings.lineWidth} characters</output>
        </label>
        <input
          id="line-width"
          type="range"
          min={40}
          max={120}
          step={5}
          value={settings.lineWidth}
          onChange={(e) => void update({ lineWidth: Number(e.target.value) })}
          data-testid="line-width"
        />
      </div>
      <h3>Keyboard shortcuts</h3>
      <dl className="shortcut-list">
        {SHORTCUT_HELP.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
