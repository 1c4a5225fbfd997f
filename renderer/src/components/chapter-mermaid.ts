/**
 * Mermaid diagrams in chapter HTML (`div.mermaid-diagram > pre > code`, marked by the engine where the book's site
 * enables mermaid). Mermaid needs a browser, so the chapter view draws them: the library is loaded only when a
 * chapter has a diagram (a chunk of the app, nothing from the network), runs with securityLevel 'strict', and its
 * SVG is sanitized and shown as an image, drawn again in the new colours when the reader changes theme. As an
 * image the SVG keeps its own styles under the page's CSP (no inline styles allowed in the page) and can run
 * nothing. A diagram mermaid cannot draw stays as its code.
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
  // Added by the page, not the book's text (highlight offsets skip it).
  img.dataset.readerUi = '';
  img.alt = `Diagram: ${source.replace(/\s+/g, ' ').trim().slice(0, 300)}`;
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(clean)}`;
  return img;
}

const pageTheme = () => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');

/**
 * Draws every diagram under `root` not drawn yet for the page's current theme (mermaid bakes colours into the SVG,
 * so a theme change means drawing again); `isCancelled` stops the work when the chapter goes away.
 */
export async function drawDiagrams(root: HTMLElement, isCancelled: () => boolean): Promise<void> {
  const theme = pageTheme();
  const blocks = [...root.querySelectorAll<HTMLElement>('.mermaid-diagram')].filter((b) => b.dataset.theme !== theme);
  if (blocks.length === 0) return;
  const { mermaid, purify } = await load();
  // Labels as SVG text, not HTML in foreignObject (which the SVG sanitizer removes).
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: theme === 'dark' ? 'dark' : 'default', htmlLabels: false, flowchart: { htmlLabels: false } });
  for (const block of blocks) {
    if (isCancelled() || pageTheme() !== theme) return;
    const source = block.querySelector('code')?.textContent ?? '';
    block.dataset.theme = theme;
    try {
      const { svg } = await mermaid.render(`reader-mermaid-${++nextId}`, source);
      if (isCancelled()) return;
      block.querySelector(':scope > img.mermaid-image')?.remove();
      block.prepend(svgImage(purify, svg, source));
      block.dataset.drawn = 'true';
    } catch {
      block.dataset.drawn = 'failed';
    }
  }
}

/** Draws the diagrams under `root` now and again whenever the page's theme changes; returns the stop. */
export function keepDiagramsDrawn(root: HTMLElement): () => void {
  if (!root.querySelector('.mermaid-diagram')) return () => {};
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const draw = () => {
    running = running
      .then(() => drawDiagrams(root, () => stopped))
      .catch((err: unknown) => console.warn('[chapter] diagrams not drawn', err));
  };
  const observer = new MutationObserver(draw);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  draw();
  return () => {
    stopped = true;
    observer.disconnect();
  };
}
