/**
 * Puts a chapter's HTML into its container so that the first screen is painted before the browser parses and lays
 * out the rest: parts of about PART_CHARS of markup (cut between top-level nodes, html-parts.ts) go in one by one
 * until the container reaches below the window, and the others after the next paint. Only what goes in now is
 * parsed now: the parse of a long chapter's HTML costs as much as its layout.
 */
import { topLevelParts } from './html-parts.js';

/** Markup (characters) per part: about a screen of prose; math and code take more markup per line. */
const PART_CHARS = 6_000;
/** If animation frames are paused (hidden window), the rest still goes in after this long. */
const FALLBACK_MS = 250;

function parse(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

/** The container reaches the bottom of the window (reading this lays out only what went in so far). */
function fillsWindow(container: HTMLElement): boolean {
  return container.getBoundingClientRect().bottom >= window.innerHeight;
}

/**
 * Fills `container` with `html`. With `progressive`, only the first screen's parts go in now; `onComplete` runs once
 * the whole chapter is in (at once when it all went in now). Returns a cancel function.
 */
export function fillProgressively(container: HTMLElement, html: string, progressive: boolean, onComplete: () => void): () => void {
  if (!progressive) {
    container.replaceChildren(parse(html));
    onComplete();
    return () => undefined;
  }
  const parts = topLevelParts(html, PART_CHARS);
  container.replaceChildren(parse(parts.next() ?? ''));
  while (!fillsWindow(container)) {
    const part = parts.next();
    if (part === undefined) break;
    container.append(parse(part));
  }
  const last = parts.rest();
  if (!last) {
    onComplete();
    return () => undefined;
  }
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    container.append(parse(last));
    onComplete();
  };
  // A frame callback runs before that frame's paint; the timeout inside it runs after, so the first part shows first.
  let inner: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    inner = setTimeout(finish, 0);
  });
  const fallback = setTimeout(finish, FALLBACK_MS);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(inner);
    clearTimeout(fallback);
  };
}
