/**
 * Clicks a control the moment React puts it on screen, as a fast student or a Playwright script does: in the
 * microtask after the commit that shows it, before React has run that commit's effects. Tests call it outside
 * act() (see `asInTheBrowser`), so React schedules its work as it does in a browser, where effects wait for the
 * next task after a long render. A control that only works once those effects ran fails here.
 */

/** Resolves once `selector` appeared under `root` and was clicked. */
export function clickWhenShown(root: Element, selector: string): Promise<void> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const target = root.querySelector<HTMLElement>(selector);
      if (!target) return;
      observer.disconnect();
      target.click();
      resolve();
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true });
  });
}

/** Blocks this thread for `ms`: a render as slow as a long chapter on a lab machine, so effects wait a task. */
export function busyFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Spinning on purpose.
  }
}

/** Runs `fn` with React scheduling as in a browser (not inside act()), restoring the test setting after. */
export async function asInTheBrowser<T>(fn: () => Promise<T>): Promise<T> {
  const global = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  const before = global.IS_REACT_ACT_ENVIRONMENT;
  global.IS_REACT_ACT_ENVIRONMENT = false;
  try {
    return await fn();
  } finally {
    global.IS_REACT_ACT_ENVIRONMENT = before;
  }
}

/** Lets React finish what it scheduled (renders, effects) and answered promises settle. */
export const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));
