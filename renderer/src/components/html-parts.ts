/**
 * Cuts a chapter's stored HTML into parts between top-level nodes without parsing it into a DOM, so the page can
 * parse and lay out only the first screen's worth before the first paint. The stored HTML is the engine's
 * serializer output (every element closed, `<` in text and attributes escaped), so counting tags is enough to know
 * where the top level is. The markup is scanned only as far as the parts asked for, so a long chapter's first
 * screen does not wait for a scan of the whole chapter. Anything unexpected (a stray close, a tag never closed) ends
 * the cutting: everything from the last cut on is one part, which parses as it would have with the rest.
 */

/** HTML elements that never have children or a closing tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

// A comment, or a start/end tag with its attributes (quoted values may hold `>` and `/`).
const TOKEN = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][^\s/>]*)(?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*(\/?)>/g;

export interface TopLevelParts {
  /** The next part: at least `every` characters ending between top-level nodes, or all that is left; then undefined. */
  next(): string | undefined;
  /** Everything not yet handed out, as one part ('' when nothing is left); the parts end here. */
  rest(): string;
}

export function topLevelParts(html: string, every: number): TopLevelParts {
  const token = new RegExp(TOKEN.source, 'g'); // its own position: two chapters may be cut at once
  let from = 0;
  let depth = 0;
  const rest = () => {
    const part = html.slice(from);
    from = html.length;
    return part;
  };
  return {
    next() {
      if (from >= html.length) return undefined;
      for (let m = token.exec(html); m; m = token.exec(html)) {
        const name = m[2];
        if (name === undefined) continue; // a comment
        if (m[1] === '/') depth--;
        else if (m[3] !== '/' && !VOID.has(name.toLowerCase())) depth++;
        if (depth < 0) break;
        const end = token.lastIndex;
        if (depth === 0 && end - from >= every && end < html.length) {
          const part = html.slice(from, end);
          from = end;
          return part;
        }
      }
      return rest();
    },
    rest,
  };
}
