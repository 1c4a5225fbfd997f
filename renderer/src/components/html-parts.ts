/**
 * Cuts a chapter's stored HTML into parts between top-level nodes without parsing it into a DOM, so the page can
 * parse and lay out only the first screen's worth before the first paint. The stored HTML is the engine's
 * serializer output (every element closed, `<` in text and attributes escaped), so counting tags is enough to know
 * where the top level is. Anything unexpected (a tag never closed, a stray close) gives no cut: the chapter then
 * goes in whole, as before.
 */

/** HTML elements that never have children or a closing tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

// A comment, or a start/end tag with its attributes (quoted values may hold `>` and `/`).
const TOKEN = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][^\s/>]*)(?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*(\/?)>/g;

/**
 * Offsets where `html` can be cut between top-level nodes, each the first such place at least `every` characters
 * after the previous cut (the last part may be shorter). Empty when there is nothing to cut or the markup does not
 * nest as expected.
 */
export function topLevelCuts(html: string, every: number): number[] {
  const cuts: number[] = [];
  let depth = 0;
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(html); m; m = TOKEN.exec(html)) {
    const name = m[2];
    if (name === undefined) continue; // a comment
    if (m[1] === '/') depth--;
    else if (m[3] !== '/' && !VOID.has(name.toLowerCase())) depth++;
    if (depth < 0) return [];
    const end = TOKEN.lastIndex;
    if (depth === 0 && end - last >= every && end < html.length) {
      cuts.push(end);
      last = end;
    }
  }
  return depth === 0 ? cuts : [];
}

/** `html` cut at `cuts` (from topLevelCuts): the parts, in order, that join back to `html`. */
export function partsAt(html: string, cuts: readonly number[]): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    parts.push(html.slice(from, cut));
    from = cut;
  }
  parts.push(html.slice(from));
  return parts;
}
