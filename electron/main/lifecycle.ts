/**
 * App lifecycle decisions, as plain functions so they are tested without Electron (index.ts wires them up).
 */

/**
 * A `will-quit` listener that holds the quit until `close()` has finished (the engine flushes its database and
 * stops indexing cleanly) or `timeoutMs` has passed, then quits for real. Electron does not wait for a promise a
 * listener returns, so without this the process ends mid-write.
 */
export function quitAfterClose(options: {
  close: () => Promise<void>;
  quit: () => void;
  onError: (err: unknown) => void;
  timeoutMs?: number;
}): (event: { preventDefault(): void }) => void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  return (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        options.onError(new Error(`the engine did not close within ${options.timeoutMs ?? 10_000} ms; quitting anyway`));
        resolve();
      }, options.timeoutMs ?? 10_000);
    });
    const closed = options.close().catch(options.onError);
    void Promise.race([closed, timeout]).then(() => {
      clearTimeout(timer);
      state = 'closed';
      options.quit();
    });
  };
}

export interface WindowLike {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * A second launch (`second-instance`) or a dock click (`activate`): bring the window forward, or open one when
 * there is none (on macOS the app keeps running with every window closed). `open` is null until the app is ready.
 */
export function showOrOpenWindow(win: WindowLike | null, open: (() => Promise<void>) | null, onError: (err: unknown) => void): void {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return;
  }
  open?.().catch(onError);
}
