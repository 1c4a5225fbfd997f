// @vitest-environment happy-dom
import { deferred, fakeMethods } from '../../test/fake-reader.js';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountState } from '../../../electron/core/contract.js';
import { setAccount, useAccount } from './useAccount.js';

const SIGNED_OUT: AccountState = {
  signedIn: false,
  profile: null,
  verified: null,
  tokenExpired: false,
  offlineReason: null,
  remoteUrl: 'https://reader.example',
  keychain: { persistent: true, notice: null },
};
const SIGNED_IN: AccountState = {
  ...SIGNED_OUT,
  signedIn: true,
  verified: 'online',
  profile: { email: 'ada@example.com', name: 'Ada', softwareBackground: 'beginner', hardwareBackground: 'hobbyist', softwareDetail: null, hardwareDetail: null },
};

function Name() {
  const { account, refresh } = useAccount();
  return (
    <>
      <span data-testid="name">{account ? (account.profile?.name ?? 'signed out') : 'loading'}</span>
      <button type="button" onClick={() => void refresh()} data-testid="refresh">
        refresh
      </button>
    </>
  );
}

afterEach(cleanup);

describe('useAccount', () => {
  it('an account check that started before sign-up finished does not sign the reader out again', async () => {
    const check = deferred<AccountState>();
    fakeMethods({ getAccount: () => check.promise });
    render(<Name />);
    await act(async () => undefined);
    // The check (opening the panel) is still out when sign-up answers...
    act(() => setAccount(SIGNED_IN));
    expect(screen.getByTestId('name').textContent).toBe('Ada');
    // ...and then answers with what it saw before the sign-up.
    await act(async () => check.resolve(SIGNED_OUT));
    expect(screen.getByTestId('name').textContent).toBe('Ada');
  });

  it('a check started after the last change is applied', async () => {
    act(() => setAccount(SIGNED_IN));
    const check = deferred<AccountState>();
    fakeMethods({ getAccount: () => check.promise });
    render(<Name />);
    await act(async () => screen.getByTestId('refresh').click());
    await act(async () => check.resolve(SIGNED_OUT));
    expect(screen.getByTestId('name').textContent).toBe('signed out');
  });
});
