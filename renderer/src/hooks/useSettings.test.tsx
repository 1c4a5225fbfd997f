// @vitest-environment happy-dom
import { deferred, fakeMethods, inputsOf } from '../../test/fake-reader.js';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../electron/core/contract.js';
import { ReaderError } from '../reader-error.js';
import { useSettings } from './useSettings.js';

const STORED: Settings = { theme: 'sepia', fontSize: 18, lineWidth: 70 };

afterEach(cleanup);

/** The hook over a fake engine whose saves answer only when the test settles them, in the order it chooses. */
async function setup() {
  const saves: ReturnType<typeof deferred<Settings>>[] = [];
  fakeMethods({
    getSettings: async () => STORED,
    setSettings: () => {
      const save = deferred<Settings>();
      saves.push(save);
      return save.promise;
    },
  });
  const onError = vi.fn();
  const hook = renderHook(() => useSettings(onError));
  await act(async () => undefined);
  return { ...hook, saves, onError };
}

describe('useSettings', () => {
  it('loads the stored settings and applies them to the document', async () => {
    const { result } = await setup();
    expect(result.current.settings).toEqual(STORED);
    expect(result.current.appliedTheme).toBe('sepia');
    expect(document.documentElement.dataset.theme).toBe('sepia');
    expect(document.documentElement.style.getPropertyValue('--reading-font-size')).toBe('18px');
    expect(document.documentElement.style.getPropertyValue('--reading-line-width')).toBe('70ch');
  });

  it('keeps one save in flight, the next one carrying every change made meanwhile', async () => {
    const { result, saves } = await setup();
    act(() => void result.current.update({ fontSize: 19 }));
    act(() => void result.current.update({ fontSize: 20 }));
    act(() => void result.current.update({ lineWidth: 80 }));
    expect(inputsOf('setSettings')).toEqual([{ fontSize: 19 }]);
    await act(async () => saves[0]!.resolve({ ...STORED, fontSize: 19 }));
    expect(inputsOf('setSettings')).toEqual([{ fontSize: 19 }, { fontSize: 20, lineWidth: 80 }]);
    await act(async () => saves[1]!.resolve({ ...STORED, fontSize: 20, lineWidth: 80 }));
    expect(inputsOf('setSettings')).toHaveLength(2);
    expect(result.current.settings).toEqual({ ...STORED, fontSize: 20, lineWidth: 80 });
  });

  it('shows a change at once, and an older answer arriving after a newer change does not undo it', async () => {
    const { result, saves } = await setup();
    act(() => void result.current.update({ fontSize: 19 }));
    expect(result.current.settings.fontSize).toBe(19);
    act(() => void result.current.update({ fontSize: 20 }));
    await act(async () => saves[0]!.resolve({ ...STORED, fontSize: 19 }));
    expect(result.current.settings.fontSize).toBe(20);
    await act(async () => saves[1]!.resolve({ ...STORED, fontSize: 20 }));
    expect(result.current.settings.fontSize).toBe(20);
  });

  it('takes the stored values from the last answer when nothing newer waits', async () => {
    const { result, saves } = await setup();
    act(() => void result.current.update({ fontSize: 40 }));
    // The engine clamps or corrects; what it stored is what the page shows.
    await act(async () => saves[0]!.resolve({ ...STORED, fontSize: 32 }));
    expect(result.current.settings.fontSize).toBe(32);
  });

  it('reports a failed save and still saves the changes made while it ran', async () => {
    const { result, saves, onError } = await setup();
    act(() => void result.current.update({ theme: 'dark' }));
    act(() => void result.current.update({ lineWidth: 90 }));
    // Either host rejects with the engine's SerializedError; the page's `reader` re-throws it as a ReaderError.
    const message = 'Something went wrong in the reader. Please try again.';
    await act(async () => saves[0]!.reject({ code: 'internal', message, details: {} }));
    expect(onError).toHaveBeenCalledWith(new ReaderError('internal', message));
    expect(inputsOf('setSettings')).toEqual([{ theme: 'dark' }, { lineWidth: 90 }]);
    await act(async () => saves[1]!.resolve({ ...STORED, theme: 'dark', lineWidth: 90 }));
    act(() => void result.current.update({ fontSize: 21 }));
    expect(inputsOf('setSettings')).toEqual([{ theme: 'dark' }, { lineWidth: 90 }, { fontSize: 21 }]);
  });

  it('a change made before the stored settings arrive stays, and the rest comes from the store', async () => {
    const load = deferred<Settings>();
    fakeMethods({ getSettings: () => load.promise, setSettings: async (patch) => ({ ...STORED, ...patch }) });
    const onError = vi.fn();
    const { result } = renderHook(() => useSettings(onError));
    await act(async () => void (await result.current.update({ fontSize: 24 })));
    expect(inputsOf('setSettings')).toEqual([{ fontSize: 24 }]);
    await act(async () => load.resolve(STORED));
    expect(result.current.settings).toEqual({ ...STORED, fontSize: 24 });
    expect(document.documentElement.style.getPropertyValue('--reading-font-size')).toBe('24px');
  });
});
