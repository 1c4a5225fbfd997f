import type { Settings } from '../../../electron/core/contract.js';
import { useSettingsContext } from '../settings-context.js';
import { SHORTCUT_HELP } from './shortcut-help.js';
import { usePolicy } from '../hooks/usePolicy.js';
import { ManagedSettings } from './ManagedSettings.js';

const THEMES: { value: Settings['theme']; label: string }[] = [
  { value: 'system', label: 'Follow system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'sepia', label: 'Sepia' },
];

interface RangeFieldProps {
  id: string;
  label: string;
  unit: string;
  min: number;
  max: number;
  step: number;
  value: number;
  onChange(value: number): void;
}

/** A labelled slider that shows its value; the id doubles as the test id. */
function RangeField({ id, label, unit, min, max, step, value, onChange }: RangeFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}{' '}
        <output htmlFor={id}>
          {value}
          {unit}
        </output>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        data-testid={id}
      />
    </div>
  );
}

export function SettingsPanel() {
  const { settings, update } = useSettingsContext();
  const policy = usePolicy();
  return (
    <div className="panel" data-testid="settings-panel">
      <h2>Settings</h2>
      {policy && <ManagedSettings policy={policy} />}
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
      <RangeField
        id="font-size"
        label="Font size"
        unit="px"
        min={12}
        max={32}
        step={1}
        value={settings.fontSize}
        onChange={(fontSize) => void update({ fontSize })}
      />
      <RangeField
        id="line-width"
        label="Line width"
        unit=" characters"
        min={40}
        max={120}
        step={5}
        value={settings.lineWidth}
        onChange={(lineWidth) => void update({ lineWidth })}
      />
      <h3>Keyboard shortcuts</h3>
      <p className="hint">Each panel opens with the key shown on its toolbar button.</p>
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
