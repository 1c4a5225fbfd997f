// @vitest-environment happy-dom
import { deferred, emit, fakeMethods, inputsOf } from '../../test/fake-reader.js';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../../electron/core/contract.js';
import { SyncSection, useSyncStatus } from './SyncSection.js';

const onError = vi.fn();
const announce = vi.fn();
const status = (s: Partial<SyncStatus>): SyncStatus => ({ state: 'idle', lastSyncedAt: null, pending: 0, lastError: null, ...s });

/** The Account panel's wiring: the live status from the engine, shown by SyncSection. */
function Panel() {
  return <SyncSection status={useSyncStatus(onError)} onError={onError} announce={announce} />;
}

beforeEach(() => {
  onError.mockReset();
  announce.mockReset();
});
afterEach(cleanup);

const text = () => screen.getByTestId('sync-status').textContent ?? '';

describe('SyncSection', () => {
  it('shows the state, the last synced time and the unsent count, and follows syncStatus events', async () => {
    const lastSyncedAt = '2026-11-26T10:42:00Z';
    fakeMethods({ syncStatus: async () => status({ state: 'offline', lastSyncedAt, pending: 3 }) });
    render(<Panel />);
    await act(async () => undefined);
    expect(text()).toMatch(/^Offline/);
    expect(text()).toContain(`Last synced ${new Date(lastSyncedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}.`);
    expect(text()).toContain('3 changes not sent yet.');
    act(() => emit('syncStatus', status({ state: 'idle', lastSyncedAt, pending: 1 })));
    expect(text()).toMatch(/^Up to date\./);
    expect(text()).toContain('1 change not sent yet.');
    act(() => emit('syncStatus', status({ state: 'idle', pending: 0 })));
    expect(text()).toContain('Not synced yet on this computer.');
    expect(text()).not.toContain('not sent yet');
  });

  it('Sync now calls syncNow once, is disabled while it runs, and announces the outcome', async () => {
    const answer = deferred<SyncStatus>();
    fakeMethods({ syncNow: () => answer.promise });
    render(<SyncSection status={status({ pending: 2 })} onError={onError} announce={announce} />);
    await act(async () => void fireEvent.click(screen.getByTestId('sync-now')));
    expect(inputsOf('syncNow')).toEqual([{}]);
    expect(screen.getByTestId('sync-now')).toHaveProperty('disabled', true);
    await act(async () => answer.resolve(status({ state: 'idle' })));
    expect(announce).toHaveBeenCalledWith('Synced');
    expect(screen.getByTestId('sync-now')).toHaveProperty('disabled', false);
  });

  it('shows the last error while sync is failing, says so when Sync now does not finish, and passes a thrown error on', async () => {
    fakeMethods({ syncNow: async () => status({ state: 'offline', lastError: 'The service is not reachable.' }) });
    const { rerender } = render(<SyncSection status={status({ state: 'error', lastError: 'Quota exceeded (413).' })} onError={onError} announce={announce} />);
    expect(screen.getByTestId('sync-error').textContent).toBe('Quota exceeded (413).');
    await act(async () => void fireEvent.click(screen.getByTestId('sync-now')));
    expect(announce).toHaveBeenCalledWith('Sync did not finish: The service is not reachable.');

    const boom = new Error('bridge down');
    fakeMethods({ syncNow: () => Promise.reject(boom) });
    rerender(<SyncSection status={status({ state: 'idle', lastError: 'old' })} onError={onError} announce={announce} />);
    expect(screen.queryByTestId('sync-error')).toBeNull();
    await act(async () => void fireEvent.click(screen.getByTestId('sync-now')));
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('bridge down') }));
  });

  it('shows nothing before the first status arrives, and the button is off while syncing', () => {
    const { rerender, container } = render(<SyncSection status={null} onError={onError} announce={announce} />);
    expect(container.textContent).toBe('');
    rerender(<SyncSection status={status({ state: 'syncing' })} onError={onError} announce={announce} />);
    expect(screen.getByTestId('sync-now')).toHaveProperty('disabled', true);
  });
});
