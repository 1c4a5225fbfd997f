/**
 * "Version X is available": shown when the app's updater has something to offer, with the release notes as plain
 * text, then download progress and "Restart to update". Nothing at all when updates are off, the host has no updater
 * (web host, development) or nothing is on offer; "Later" hides it until the next version.
 */
import { useEffect, useId, useState } from 'react';
import type { UpdateState } from '../../../electron/core/contract.js';
import { errorMessage, reader } from '../reader.js';

/** "Later" lasts while the page is open (leaving the library and coming back does not bring the notice back). */
const later = new Set<string>();
const laterKey = (s: UpdateState) => `${s.state}:${s.version ?? ''}`;

const shown = (s: UpdateState) => s.mode !== 'off' && s.version !== undefined && (s.state === 'available' || s.state === 'downloading' || s.state === 'ready' || s.state === 'error');

export function UpdateNotice() {
  const [update, setUpdate] = useState<UpdateState | null>(null);
  const [, setLaterCount] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const headingId = useId();

  useEffect(() => {
    let live = true;
    const off = reader.on('updateState', (s) => setUpdate(s));
    reader.getUpdateState({}).then(
      (s) => live && setUpdate((current) => current ?? s),
      () => undefined, // no updater to ask: no notice
    );
    return () => {
      live = false;
      off();
    };
  }, []);

  if (!update || !shown(update) || later.has(laterKey(update))) return null;
  const version = update.version ?? '';
  const act = (call: () => Promise<unknown>) => {
    setFailure(null);
    call().catch((err: unknown) => setFailure(errorMessage(err)));
  };
  const laterButton = (
    <button
      type="button"
      onClick={() => {
        later.add(laterKey(update));
        setLaterCount(later.size);
      }}
      data-testid="update-later"
    >
      Later
    </button>
  );

  return (
    <section className="update-notice" aria-labelledby={headingId} data-testid="update-notice">
      <h2 id={headingId}>{update.state === 'ready' ? `Version ${version} is ready to install` : `Version ${version} is available`}</h2>
      {update.releaseNotes && (
        <details>
          <summary>Release notes</summary>
          <p className="update-notes" data-testid="update-notes">
            {update.releaseNotes}
          </p>
        </details>
      )}
      {update.state === 'available' && !update.canInstall && (
        <p data-testid="update-managed">This computer installs updates through its administrator or package manager.</p>
      )}
      {update.state === 'downloading' && (
        <p role="status">
          <label>
            Downloading… <progress max={100} value={update.progress ?? 0} data-testid="update-progress" /> {update.progress ?? 0}%
          </label>
        </p>
      )}
      {update.state === 'error' && update.message && <p role="alert">{update.message}</p>}
      {failure && <p role="alert">{failure}</p>}
      <div className="update-actions">
        {(update.state === 'available' || update.state === 'error') && update.canInstall && (
          <button type="button" className="primary" onClick={() => act(() => reader.downloadUpdate({}))} data-testid="update-download">
            {update.state === 'error' ? 'Try again' : 'Download and install'}
          </button>
        )}
        {update.state === 'ready' && (
          <button type="button" className="primary" onClick={() => act(() => reader.installUpdate({}))} data-testid="update-restart">
            Restart to update
          </button>
        )}
        {update.state !== 'downloading' && laterButton}
      </div>
    </section>
  );
}
