/**
 * The Account side panel: sign in or sign up (optional: the reader works fully without an account), then the
 * profile with how it was verified, the keychain notice, background editing and sign-out. It needs no open book,
 * so the library shows it too.
 */
import { useEffect, useState } from 'react';
import type { AccountState } from '../../../electron/core/contract.js';
import type { ViewContext } from '../panels/book-context.js';
import { reader } from '../reader.js';
import { EditBackground } from './EditBackground.js';
import { SignInForm } from './SignInForm.js';
import { SignUpWizard } from './SignUpWizard.js';
import { hardwareLabel, softwareLabel } from './background-options.js';
import { setAccount, useAccount } from './useAccount.js';
import { isManaged, MANAGED_TEXT, usePolicy } from '../hooks/usePolicy.js';
import { SyncSection, useSyncStatus } from './SyncSection.js';
import { ReaderError } from '../reader-error.js';
import './account.css';

function KeychainNotice({ account }: { account: AccountState }) {
  if (account.keychain.persistent) return null;
  return (
    <p className="account-notice" role="note" data-testid="keychain-notice">
      This computer has no usable keychain, so your session will not be remembered: you will need to sign in again
      after closing the app. Nothing is saved in its place.
    </p>
  );
}

export function AccountPanel({ announce, onError }: ViewContext) {
  const { account, refresh } = useAccount(onError);
  // Opening the panel checks again: back online, the session is confirmed (and its token renewed) at the service.
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const [mode, setMode] = useState<'signin' | 'signup'>('signup');
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serviceUrl, setServiceUrl] = useState<string | null>(null);
  const urlManaged = isManaged(usePolicy()?.settings.serviceUrl);
  const sync = useSyncStatus(onError);
  /** Set when sign-out could not send everything: the reader chooses to keep or discard (the engine's message). */
  const [unsent, setUnsent] = useState<string | null>(null);

  const signedInAs = (state: AccountState, verb: string) => {
    setAccount(state);
    announce(`${verb} as ${state.profile?.name ?? ''}`);
  };

  async function signOut(choice?: 'keep' | 'discard') {
    setBusy(true);
    try {
      const result = await reader.signOut(choice ? { unsent: choice } : {});
      setUnsent(null);
      setAccount(await reader.getAccount({}));
      const kept = choice === 'keep' ? ' Your unsent changes are kept for your next sign-in here.' : choice === 'discard' ? ' Unsent changes were discarded.' : '';
      announce(`${result.remoteSignedOut ? 'Signed out' : 'Signed out on this computer (the service was not reachable)'}.${kept}`);
    } catch (err) {
      if (err instanceof ReaderError && err.details.kind === 'unsent_changes') setUnsent(err.message);
      else onError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!account) {
    return (
      <div className="panel account-panel" data-testid="account-panel">
        <h2>Account</h2>
        <p className="loading" aria-busy="true">
          Loading…
        </p>
      </div>
    );
  }

  const profile = account.profile;
  // Sent only when the reader changed it; otherwise the configured service is used.
  const chosenUrl = serviceUrl?.trim() && serviceUrl.trim() !== account.remoteUrl ? serviceUrl.trim() : undefined;
  if (!profile) {
    return (
      <div className="panel account-panel" data-testid="account-panel">
        <h2>Account</h2>
        <p className="hint">
          Optional. With an account, chapters and answers can be rewritten for your background when you are online.
        </p>
        <KeychainNotice account={account} />
        {account.signedIn && (
          <p className="account-notice" data-testid="account-unverified">
            A saved session could not be checked offline ({account.offlineReason ?? 'no saved keys'}). It will be
            checked when the service is reachable.
          </p>
        )}
        <div className="account-tabs" role="group" aria-label="Account action">
          <button type="button" aria-pressed={mode === 'signup'} onClick={() => setMode('signup')} data-testid="account-mode-signup">
            Create account
          </button>
          <button type="button" aria-pressed={mode === 'signin'} onClick={() => setMode('signin')} data-testid="account-mode-signin">
            Sign in
          </button>
        </div>
        {mode === 'signup' ? (
          <SignUpWizard remoteUrl={chosenUrl} onDone={(s) => signedInAs(s, 'Account created; signed in')} />
        ) : (
          <SignInForm remoteUrl={chosenUrl} onDone={(s) => signedInAs(s, 'Signed in')} />
        )}
        <details className="account-service">
          <summary>Service address</summary>
          <div className="field">
            <label htmlFor="account-service-url">Address of the account service</label>
            <input
              id="account-service-url"
              type="url"
              value={serviceUrl ?? account.remoteUrl}
              onChange={(e) => setServiceUrl(e.target.value)}
              disabled={urlManaged}
              aria-describedby="account-service-url-hint"
              data-testid="account-service-url"
            />
            <p className="hint" id="account-service-url-hint">
              {urlManaged ? MANAGED_TEXT : 'Change this only if your course staff gave you another address.'}
            </p>
          </div>
        </details>
      </div>
    );
  }

  return (
    <div className="panel account-panel" data-testid="account-panel">
      <h2>Account</h2>
      <p data-testid="account-profile">
        <strong data-testid="account-name">{profile.name}</strong>
        <br />
        <span data-testid="account-email">{profile.email}</span>
      </p>
      <p className={`account-status ${account.verified ?? ''}`} data-testid="account-verified" data-verified={account.verified ?? ''}>
        {account.verified === 'online'
          ? 'Signed in (confirmed online).'
          : `Offline: verified with the keys saved on this computer${account.tokenExpired ? '; the session will be renewed when you are back online' : ''}.`}
      </p>
      <KeychainNotice account={account} />
      {editing ? (
        <EditBackground
          profile={profile}
          onDone={(state) => {
            setEditing(false);
            if (state) {
              setAccount(state);
              announce('Background saved');
            }
          }}
        />
      ) : (
        <>
          <dl className="signup-review" data-testid="account-background">
            <dt>Software</dt>
            <dd data-testid="account-software">
              {softwareLabel(profile.softwareBackground)}
              {profile.softwareDetail ? ` (${profile.softwareDetail})` : ''}
            </dd>
            <dt>Hardware</dt>
            <dd data-testid="account-hardware">
              {hardwareLabel(profile.hardwareBackground)}
              {profile.hardwareDetail ? ` (${profile.hardwareDetail})` : ''}
            </dd>
          </dl>
          <div className="field-row">
            <button type="button" onClick={() => setEditing(true)} disabled={account.verified !== 'online'} data-testid="account-edit-background">
              Edit background
            </button>
            <button type="button" onClick={() => void signOut()} disabled={busy} data-testid="account-signout">
              Sign out
            </button>
          </div>
          {busy && sync?.state === 'syncing' && (
            <p role="status" data-testid="signout-progress">
              Sending your changes before signing out… {sync.pending > 0 ? `${sync.pending} left.` : ''}
            </p>
          )}
          {unsent && (
            <div className="account-notice" role="alertdialog" aria-labelledby="unsent-title" aria-describedby="unsent-text" data-testid="signout-unsent">
              <p id="unsent-title">
                <strong>Some changes could not be sent</strong>
              </p>
              <p id="unsent-text">{unsent}</p>
              <div className="field-row">
                <button type="button" onClick={() => void signOut('keep')} disabled={busy} data-testid="signout-keep">
                  Keep them for my next sign-in here, and sign out
                </button>
                <button type="button" onClick={() => void signOut('discard')} disabled={busy} data-testid="signout-discard">
                  Discard them, and sign out
                </button>
                <button type="button" onClick={() => setUnsent(null)} disabled={busy} data-testid="signout-cancel">
                  Stay signed in
                </button>
              </div>
            </div>
          )}
          <SyncSection status={sync} onError={onError} announce={announce} />
          {account.verified !== 'online' && <p className="hint">The background can be changed when you are online.</p>}
          <p className="hint">
            Signing out first sends your unsent changes, then removes your notes, highlights, bookmarks, reading
            positions and conversations from this computer (they stay in your account), your session from its
            keychain and your personalized chapters.
          </p>
        </>
      )}
    </div>
  );
}
