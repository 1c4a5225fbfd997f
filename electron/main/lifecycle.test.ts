import { describe, expect, it } from 'vitest';
import { quitAfterClose, showOrOpenWindow, type WindowLike } from './lifecycle.js';

const quitEvent = () => {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
};
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('quitAfterClose', () => {
  it('holds the quit until the engine has closed, then quits once and lets that quit through', async () => {
    let finishClose!: () => void;
    const calls: string[] = [];
    const onQuit = quitAfterClose({
      close: () => new Promise<void>((r) => (finishClose = () => (calls.push('closed'), r()))),
      quit: () => calls.push('quit'),
      onError: (e) => calls.push(`error ${String(e)}`),
    });
    const first = quitEvent();
    onQuit(first);
    expect(first.prevented).toBe(true);
    const again = quitEvent();
    onQuit(again);
    expect(again.prevented).toBe(true);
    await tick();
    expect(calls).toEqual([]);
    finishClose();
    await tick();
    expect(calls).toEqual(['closed', 'quit']);
    const last = quitEvent();
    onQuit(last);
    expect(last.prevented).toBe(false);
  });

  it('quits after the timeout when the engine never closes, and after a failed close, saying why', async () => {
    const calls: string[] = [];
    const hung = quitAfterClose({ close: () => new Promise(() => {}), quit: () => calls.push('quit'), onError: (e) => calls.push(String(e)), timeoutMs: 20 });
    hung(quitEvent());
    await new Promise((r) => setTimeout(r, 60));
    expect(calls).toEqual([expect.stringMatching(/did not close within 20 ms/), 'quit']);

    const failing: string[] = [];
    const broken = quitAfterClose({ close: () => Promise.reject(new Error('disk full')), quit: () => failing.push('quit'), onError: (e) => failing.push(String(e)) });
    broken(quitEvent());
    await tick();
    expect(failing).toEqual(['Error: disk full', 'quit']);
  });
});

describe('showOrOpenWindow', () => {
  const fakeWindow = (minimized: boolean) => {
    const calls: string[] = [];
    const win: WindowLike = {
      isMinimized: () => minimized,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus'),
    };
    return { win, calls };
  };

  it('brings an existing window forward, restoring it when minimized, and opens none', async () => {
    const opened: string[] = [];
    const { win, calls } = fakeWindow(true);
    showOrOpenWindow(win, async () => void opened.push('open'), () => {});
    expect(calls).toEqual(['restore', 'show', 'focus']);
    const plain = fakeWindow(false);
    showOrOpenWindow(plain.win, null, () => {});
    expect(plain.calls).toEqual(['show', 'focus']);
    await tick();
    expect(opened).toEqual([]);
  });

  it('opens a window when there is none (macOS with every window closed), reporting a failure', async () => {
    const opened: string[] = [];
    showOrOpenWindow(null, async () => void opened.push('open'), () => {});
    const errors: unknown[] = [];
    showOrOpenWindow(null, () => Promise.reject(new Error('no display')), (e) => errors.push(e));
    showOrOpenWindow(null, null, (e) => errors.push(e));
    await tick();
    expect(opened).toEqual(['open']);
    expect(errors).toEqual([new Error('no display')]);
  });
});
