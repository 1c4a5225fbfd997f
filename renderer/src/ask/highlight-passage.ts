/**
 * Marks the blocks of a chapter that an Ask passage came from: the blocks of its section (from the heading with
 * the passage's anchor to the next heading) whose text occurs in the passage. Whole blocks are marked, not words,
 * because a passage is a few paragraphs, not a term.
 */
const PASSAGE_CLASS = 'ask-passage';
const HEADING = /^H[1-6]$/;

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

export function clearPassageHighlight(root: HTMLElement): void {
  for (const el of root.querySelectorAll(`.${PASSAGE_CLASS}`)) {
    el.classList.remove(PASSAGE_CLASS);
    el.removeAttribute('data-testid');
  }
}

function sectionBlocks(root: HTMLElement, anchor: string): HTMLElement[] {
  const heading = anchor ? root.querySelector<HTMLElement>(`#${CSS.escape(anchor)}`) : null;
  // '' is the part before the first heading; an unknown anchor falls back to the same.
  let el = heading ? heading.nextElementSibling : root.firstElementChild;
  if (!heading) while (el && HEADING.test(el.tagName) && el.tagName === 'H1') el = el.nextElementSibling;
  const blocks: HTMLElement[] = [];
  while (el && !HEADING.test(el.tagName)) {
    blocks.push(el as HTMLElement);
    el = el.nextElementSibling;
  }
  return blocks;
}

/** Highlights the passage and returns its first block (to scroll to and focus), or null when nothing is found. */
export function highlightPassage(root: HTMLElement, anchor: string, text: string): HTMLElement | null {
  clearPassageHighlight(root);
  const blocks = sectionBlocks(root, anchor);
  const passage = norm(text);
  // A block belongs to the passage when a good stretch of its start occurs in it (chunks hold whole blocks).
  let hits = blocks.filter((b) => {
    const t = norm(b.textContent ?? '');
    return t.length > 0 && passage.includes(t.slice(0, Math.min(t.length, 80)));
  });
  if (hits.length === 0) hits = blocks;
  for (const b of hits) b.classList.add(PASSAGE_CLASS);
  const first = hits[0] ?? null;
  if (first) {
    first.dataset.testid = 'ask-passage-highlight';
    first.tabIndex = -1;
  }
  return first;
}
