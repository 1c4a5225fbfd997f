/** Marks search terms in rendered chapter HTML (outside math), and removes earlier marks. */
const HIT_CLASS = 'search-hit';
const MAX_MARKS = 500;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function clearHighlights(root: HTMLElement): void {
  for (const mark of root.querySelectorAll(`mark.${HIT_CLASS}`)) {
    // Children, not a copy of the text: a highlight painted inside the hit keeps its marks.
    mark.replaceWith(...mark.childNodes);
  }
  root.normalize();
}

/**
 * Wraps each occurrence of the terms (as word prefixes, so "robot" also marks "robots") in <mark> and returns the
 * first one, or null when nothing matched.
 */
export function highlightTerms(root: HTMLElement, terms: string[]): HTMLElement | null {
  const words = terms.map((t) => t.trim()).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return null;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})[\\p{L}\\p{N}]*`, 'giu');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest(`.katex, script, style, mark.${HIT_CLASS}`) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const textNodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) textNodes.push(node as Text);

  let first: HTMLElement | null = null;
  let count = 0;
  for (const node of textNodes) {
    const text = node.data;
    pattern.lastIndex = 0;
    const matches = [...text.matchAll(pattern)];
    if (matches.length === 0) continue;
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const match of matches) {
      if (count >= MAX_MARKS) break;
      const start = match.index;
      fragment.append(text.slice(at, start));
      const mark = document.createElement('mark');
      mark.className = HIT_CLASS;
      mark.textContent = match[0];
      fragment.append(mark);
      first ??= mark;
      at = start + match[0].length;
      count++;
    }
    fragment.append(text.slice(at));
    node.replaceWith(fragment);
    if (count >= MAX_MARKS) break;
  }
  if (first) {
    first.dataset.testid = 'first-search-hit';
    first.tabIndex = -1;
  }
  return first;
}
