/** The Account panel's sync line: state, last synced time, unsent changes, the last error, and "Sync now". */
import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';

/** The current sync status, kept up to date by the engine's `syncStatus` events. */
export function useSyncStatus(onError: (err: unknown) => void): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    reader.syncStatus({}).then(setStatus, onError);
    return reader.on('syncStatus', setStatus);
  }, [onError]);
  return status;
}

const STATE_TEXT: Record<SyncStatus['state'], string> = {
  signed_out: 'Not syncing (signed out).',
  idle: 'Up to date.',
  syncing: 'Syncing…',
  offline: 'Offline: changes are kept here and sent when the service is reachable.',
  error: 'Sync failed; it will be tried again.',
};

export function describeSync(status: SyncStatus): string {
  const last = status.lastSyncedAt ? ` Last synced ${new Date(status.lastSyncedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}.` : ' Not synced yet on this computer.';
  const pending = status.pending > 0 ? ` ${status.pending} change${status.pending === 1 ? '' : 's'} not sent yet.` : '';
  return `${STATE_TEXT[status.state]}${last}${pending}`;
}

export function SyncSection({ status, onError, announce }: { status: SyncStatus | null; onError: (err: unknown) => void; announce: (text: string) => void }) {
  const [busy, setBusy] = useState(false);
  if (!status) return null;
  async function syncNow() {
    setBusy(true);
    try {
      const after = await reader.syncNow({});
      announce(after.state === 'idle' ? 'Synced' : `Sync did not finish: ${after.lastError ?? after.state}`);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="account-sync" aria-labelledby="account-sync-heading" data-testid="account-sync">
      <h3 id="account-sync-heading">Sync</h3>
      <p data-testid="sync-status" data-state={status.state} data-pending={status.pending} aria-live="polite">
        {describeSync(status)}
      </p>
      {status.lastError && status.state !== 'idle' && (
        <p className="hint" data-testid="sync-error">
          {status.lastError}
        </p>
      )}
      <button type="button" onClick={() => void syncNow()} disabled={busy || status.state === 'syncing'} data-testid="sync-now">
        Sync now
      </button>
    </section>
  );
}
