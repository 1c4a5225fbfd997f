// @vitest-environment happy-dom
import { emit, fakeMethods, inputsOf } from '../../test/fake-reader.js';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../electron/core/contract.js';
import { UpdateNotice } from './UpdateNotice.js';

afterEach(cleanup);

const auto = (s: Partial<UpdateState>): UpdateState => ({ mode: 'auto', installKind: 'appimage', state: 'idle', ...s });
const available = auto({ state: 'available', version: '0.3.0', canInstall: true, releaseNotes: 'Search finds formulas.\n<b>not markup</b>' });

function show(initial: UpdateState) {
  fakeMethods({
    getUpdateState: async () => initial,
    downloadUpdate: async () => ({ ok: true }),
    installUpdate: async () => ({ ok: true }),
  });
  return render(<UpdateNotice />);
}

describe('the update notice', () => {
  it('offers a version with its notes as text, shows the download, then restarts on request', async () => {
    show(available);
    expect(await screen.findByRole('heading', { name: 'Version 0.3.0 is available' })).toBeTruthy();
    const notes = screen.getByTestId('update-notes');
    expect(notes.textContent).toBe('Search finds formulas.\n<b>not markup</b>');
    expect(notes.querySelector('b')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Download and install' }));
    await waitFor(() => expect(inputsOf('downloadUpdate')).toEqual([{}]));
    emit('updateState', { ...available, state: 'downloading', progress: 42 });
    const progress = await screen.findByTestId('update-progress');
    expect(progress.getAttribute('value')).toBe('42');
    expect(screen.getByRole('status').textContent).toContain('42%');
    expect(screen.queryByRole('button', { name: 'Later' })).toBeNull();

    emit('updateState', { ...available, state: 'ready' });
    expect(await screen.findByRole('heading', { name: 'Version 0.3.0 is ready to install' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Restart to update' }));
    await waitFor(() => expect(inputsOf('installUpdate')).toEqual([{}]));
  });

  it('hides on Later, also after leaving the view, until another version comes', async () => {
    const later = { ...available, version: '0.3.5' };
    show(later);
    fireEvent.click(await screen.findByRole('button', { name: 'Later' }));
    expect(screen.queryByTestId('update-notice')).toBeNull();
    cleanup();
    show(later);
    await waitFor(() => expect(inputsOf('getUpdateState')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByTestId('update-notice')).toBeNull();
    emit('updateState', { ...later, version: '0.4.0' });
    expect(await screen.findByRole('heading', { name: 'Version 0.4.0 is available' })).toBeTruthy();
  });

  it('only tells an install that cannot update itself', async () => {
    show({ ...available, mode: 'notify', installKind: 'deb', canInstall: false });
    expect(await screen.findByTestId('update-managed')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Download and install' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Later' })).toBeTruthy();
  });

  it('says when a download failed and lets the user try again', async () => {
    show({ ...available, state: 'error', message: 'Version 0.3.0 could not be downloaded. Please try again later.' });
    expect((await screen.findByRole('alert')).textContent).toContain('could not be downloaded');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(inputsOf('downloadUpdate')).toEqual([{}]));
  });

  it('shows nothing when updates are off, unsupported, current, or a check failed', async () => {
    const quiet: UpdateState[] = [
      { ...available, mode: 'off' },
      { mode: 'off', installKind: null, state: 'unsupported', message: 'no updater' },
      auto({ state: 'none' }),
      auto({ state: 'checking' }),
      auto({ state: 'error', message: 'Could not check for updates.' }),
    ];
    for (const state of quiet) {
      show(state);
      await waitFor(() => expect(inputsOf('getUpdateState')).toHaveLength(1));
      await new Promise((r) => setTimeout(r, 0));
      expect(screen.queryByTestId('update-notice')).toBeNull();
      cleanup();
    }
  });
});
