/** Email and password sign-in; the service's answer is shown next to the form. */
import { useState } from 'react';
import type { AccountState } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';
import { FormError } from './FormError.js';
import { useAccountForm } from './useAccountForm.js';
import { describeError } from './useJob.js';

export function SignInForm({ onDone, remoteUrl }: { onDone(state: AccountState): void; remoteUrl?: string | undefined }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, submit } = useAccountForm({
    send: () => reader.signIn({ email: email.trim(), password, ...(remoteUrl ? { remoteUrl } : {}) }),
    onOk: (state) => {
      setPassword('');
      onDone(state);
    },
    describe: (e) => (e.code === 'unauthorized' ? 'That email and password do not match an account.' : describeError(e)),
  });

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
      <FormError message={error} testId="signin-error" />
      <button type="submit" disabled={busy || !email.trim() || !password} data-testid="signin-submit">
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
