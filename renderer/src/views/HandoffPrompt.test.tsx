// @vitest-environment happy-dom
import { emit, fakeMethods, inputsOf } from '../../test/fake-reader.js';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Handoff } from '../../../electron/core/contract.js';
import { HandoffPrompt } from './HandoffPrompt.js';

const onError = vi.fn();
const announce = vi.fn();
/** Read there today at 10:42 local time, so the prompt shows the time alone. */
const today1042 = () => {
  const d = new Date();
  d.setHours(10, 42, 0, 0);
  return d;
};
const offer = (over: Partial<Handoff> = {}): Handoff => ({
  id: 'progress:dev-14:book-1',
  bookId: 'book-1',
  bookTitle: 'Physical AI',
  chapterId: 'ch/kinematics',
  chapterTitle: 'Forward kinematics',
  position: 0.4,
  deviceName: 'LAB-PC-14',
  at: today1042().toISOString(),
  ...over,
});

let offers: Handoff[];
beforeEach(() => {
  onError.mockReset();
  announce.mockReset();
  window.location.hash = '#/';
  offers = [offer()];
  fakeMethods({
    getHandoff: async () => offers,
    saveProgress: async () => ({ ok: true }),
    dismissHandoff: async ({ handoffId }) => {
      offers = offers.filter((o) => o.id !== handoffId);
      return { ok: true };
    },
  });
});
afterEach(cleanup);

async function show() {
  const result = render(<HandoffPrompt onError={onError} announce={announce} />);
  await act(async () => undefined);
  return result;
}

describe('HandoffPrompt', () => {
  it('offers the other computer\'s place with its device name and time', async () => {
    await show();
    const time = today1042().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    expect(screen.getByRole('heading').textContent).toBe(`Continue where you left off on LAB-PC-14, ${time}?`);
    expect(screen.getByTestId('handoff-chapter').textContent).toBe('Forward kinematics');
    expect(screen.getByTestId('handoff-prompt').textContent).toContain('40% read there');
  });

  it('Continue saves that position here, stops the offer and opens the chapter', async () => {
    await show();
    await act(async () => void fireEvent.click(screen.getByTestId('handoff-continue')));
    expect(inputsOf('saveProgress')).toEqual([{ bookId: 'book-1', chapterId: 'ch/kinematics', position: 0.4 }]);
    expect(inputsOf('dismissHandoff')).toEqual([{ handoffId: 'progress:dev-14:book-1' }]);
    expect(window.location.hash).toBe('#/book/book-1/ch%2Fkinematics');
    expect(onError).not.toHaveBeenCalled();
  });

  it('Not now dismisses it without moving, and it stays gone when the library reloads', async () => {
    await show();
    await act(async () => void fireEvent.click(screen.getByTestId('handoff-dismiss')));
    expect(inputsOf('dismissHandoff')).toEqual([{ handoffId: 'progress:dev-14:book-1' }]);
    expect(inputsOf('saveProgress')).toEqual([]);
    expect(screen.queryByTestId('handoff-prompt')).toBeNull();
    expect(window.location.hash).toBe('#/');
    expect(announce).toHaveBeenCalledWith('Staying where you are on this computer');
    await act(async () => emit('libraryChanged', { bookId: 'book-1' }));
    expect(screen.queryByTestId('handoff-prompt')).toBeNull();
  });

  it('shows nothing without an offer, and appears when a sync brings one', async () => {
    offers = [];
    const { container } = await show();
    expect(container.textContent).toBe('');
    offers = [offer({ deviceName: 'LAB-PC-07', at: '2026-01-05T09:15:00Z' })];
    await act(async () => emit('syncStatus', { state: 'idle', lastSyncedAt: null, pending: 0, lastError: null }));
    const at = new Date('2026-01-05T09:15:00Z').toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
    expect(screen.getByRole('heading').textContent).toBe(`Continue where you left off on LAB-PC-07, ${at}?`);
  });
});
