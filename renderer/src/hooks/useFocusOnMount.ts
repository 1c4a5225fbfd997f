import { useEffect, type RefObject } from 'react';

// On the page's first view focus stays where the browser put it, so the first Tab reaches the skip link.
let firstView = true;

/** Moves focus to a view's heading when the reader navigates to the view, so keyboard and screen-reader users land in it. */
export function useFocusOnMount(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (firstView) {
      firstView = false;
      return;
    }
    ref.current?.focus({ preventScroll: true });
  }, [ref]);
}
