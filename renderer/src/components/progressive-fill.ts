/**
 * Puts a chapter's HTML into its container in two steps, so a big chapter's first screen is painted before the
 * browser lays out the rest: the top-level nodes up to about FIRST_PART_CHARS of markup go in at once, the others
 * after the next paint. The HTML is split by parsing it (a <template>), only ever between top-level nodes.
 */

/** Markup (characters) put in at once: a few screens of text, well past the first one. */
const FIRST_PART_CHARS = 24_000;
/** If animation frames are paused (hidden window), the rest still goes in after this long. */
const FALLBACK_MS = 250;

function markupLength(node: Node): number {
  return node instanceof Element ? node.outerHTML.length : (node.textContent ?? '').length;
}

/**
 * Fills `container` with `html`. With `progressive`, only the first part goes in now; `onComplete` runs once the
 * whole chapter is in (at once when it all fits in the first part). Returns a cancel function.
 */
export function fillProgressively(container: HTMLElement, html: string, progressive: boolean, onComplete: () => void): () => void {
  const template = document.createElement('template');
  template.innerHTML = html;
  const nodes = [...template.content.childNodes];
  let split = nodes.length;
  if (progressive) {
    let chars = 0;
    for (let i = 0; i < nodes.length; i++) {
      chars += markupLength(nodes[i]!);
      if (chars >= FIRST_PART_CHARS) {
        split = i + 1;
        break;
      }
    }
  }
  container.replaceChildren(...nodes.slice(0, split));
  if (split >= nodes.length) {
    onComplete();
    return () => undefined;
  }
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    container.append(...nodes.slice(split));
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
