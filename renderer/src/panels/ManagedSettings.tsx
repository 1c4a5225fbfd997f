/**
 * The settings a lab administrator locked, each as a disabled control showing its value with "Managed by your
 * administrator", and a notice for each policy source that was ignored as invalid.
 */
import type { EffectivePolicy } from '../../../electron/core/contract.js';
import { isManaged, MANAGED_TEXT } from '../hooks/usePolicy.js';

type Values = { [K in keyof EffectivePolicy['settings']]: EffectivePolicy['settings'][K]['value'] };
const SWITCHES: { key: 'allowImport' | 'anonymousAsk' | 'rememberSession' | 'requireKeychain'; label: string }[] = [
  { key: 'allowImport', label: 'Importing books' },
  { key: 'anonymousAsk', label: 'Online answers without signing in' },
  { key: 'rememberSession', label: 'Remember the session after closing the app' },
  { key: 'requireKeychain', label: 'Sign in only with the OS keychain' },
];
const TEXTS: { key: 'serviceUrl' | 'updateMode' | 'contentDir'; label: string }[] = [
  { key: 'serviceUrl', label: 'Account service address' },
  { key: 'updateMode', label: 'Updates' },
  { key: 'contentDir', label: 'Preinstalled books folder' },
];

export function ManagedSettings({ policy }: { policy: EffectivePolicy }) {
  const s = policy.settings;
  const switches = SWITCHES.filter(({ key }) => isManaged(s[key]));
  const texts = TEXTS.filter(({ key }) => isManaged(s[key]));
  const value = <K extends keyof Values>(key: K): Values[K] => s[key].value;
  return (
    <>
      {policy.notices.map((n) => (
        <p key={n.location} className="account-notice" role="note" data-testid="policy-notice">
          {n.message} The administrator&apos;s other settings and the defaults apply.
        </p>
      ))}
      {(switches.length > 0 || texts.length > 0) && (
        <fieldset className="managed-settings" data-testid="managed-settings">
          <legend>Set for this computer</legend>
          <p className="hint" id="managed-hint">
            {MANAGED_TEXT}.
          </p>
          {switches.map(({ key, label }) => (
            <div className="field" key={key}>
              <label>
                <input type="checkbox" checked={value(key)} disabled aria-describedby="managed-hint" data-testid={`managed-${key}`} readOnly /> {label}
              </label>
              <span className="hint">{MANAGED_TEXT}</span>
            </div>
          ))}
          {texts.map(({ key, label }) => (
            <div className="field" key={key}>
              <label htmlFor={`managed-${key}`}>{label}</label>
              <input id={`managed-${key}`} type="text" value={value(key) ?? ''} disabled aria-describedby="managed-hint" data-testid={`managed-${key}`} readOnly />
              <span className="hint">{MANAGED_TEXT}</span>
            </div>
          ))}
        </fieldset>
      )}
    </>
  );
}
