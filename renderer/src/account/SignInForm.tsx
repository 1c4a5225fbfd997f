/** Email and password sign-in; the service's answer is shown next to the form. */
import { useState, type FormEvent } from 'react';
import type { AccountState } from '../../../electron/core/contract';
import { reader } from '../reader';
import { describeError } from './useJob';

export function SignInForm({ onDone, remoteUrl }: { onDone(state: AccountState): void; remoteUrl?: string | undefined }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await reader.signIn({ email: email.trim(), password, ...(remoteUrl ? { remoteUrl } : {}) });
      if (result.ok) {
        setPassword('');
        onDone(result.value);
      } else {
        setError(result.error.kind === 'unauthorized' ? 'That email and password do not match an account.' : describeError(result.error));
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} data-testid="signin-form">
      <div className="field">
        <label htmlFor="signin-email">Email</label>
        <input id="signin-email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} data-autofocus data-testid="signin-email" />
      </div>
      <div className="field">
        <label htmlFor="signin-password">Password</label>
        <input id="signin-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="signin-password" />
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="signin-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || !email.trim() || !password} data-testid="signin-submit">
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
