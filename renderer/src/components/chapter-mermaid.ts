/**
 * Mermaid diagrams in chapter HTML (`div.mermaid-diagram > pre > code`, marked by the engine where the book's site
 * enables mermaid). Mermaid needs a browser, so the chapter view draws them: the library is loaded only when a
 * chapter has a diagram (a chunk of the app, nothing from the network), runs with securityLevel 'strict', and its
 * SVG is sanitized and shown as an image. As an image the SVG keeps its own styles under the page's CSP (no
 * inline styles allowed in the page) and can run nothing. A diagram mermaid cannot draw stays as its code.
 */
import type { DOMPurify } from 'dompurify';
import type { Mermaid } from 'mermaid';

let nextId = 0;
let loaded: Promise<{ mermaid: Mermaid; purify: DOMPurify }> | null = null;

/** Both libraries come as chunks of the app, fetched from the app itself the first time a diagram is drawn. */
function load() {
  loaded ??= Promise.all([import('mermaid'), import('dompurify')]).then(([m, p]) => ({ mermaid: m.default, purify: p.default }));
  return loaded;
}

function svgImage(purify: DOMPurify, svg: string, source: string): HTMLImageElement {
  const clean = purify.sanitize(svg, { USE_PROFILES: { svg: true, svgFilters: true } });
  const img = document.createElement('img');
  img.className = 'mermaid-image';
  img.alt = `Diagram: ${source.replace(/\s+/g, ' ').trim().slice(0, 300)}`;
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(clean)}`;
  return img;
}

/** Draws every diagram under `root` not drawn yet; `isCancelled` stops the work when the chapter goes away. */
export async function drawDiagrams(root: HTMLElement, isCancelled: () => boolean): Promise<void> {
  const blocks = [...root.querySelectorAll<HTMLElement>('.mermaid-diagram:not([data-drawn])')];
  if (blocks.length === 0) return;
  const { mermaid, purify } = await load();
  const dark = document.documentElement.dataset.theme === 'dark';
  // Labels as SVG text, not HTML in foreignObject (which the SVG sanitizer removes).
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default', htmlLabels: false, flowchart: { htmlLabels: false } });
  for (const block of blocks) {
    if (isCancelled()) return;
    const source = block.querySelector('code')?.textContent ?? '';
    try {
      const { svg } = await mermaid.render(`reader-mermaid-${++nextId}`, source);
      if (isCancelled()) return;
      block.prepend(svgImage(purify, svg, source));
      block.dataset.drawn = 'true';
    } catch {
      block.dataset.drawn = 'failed';
    }
  }
}
