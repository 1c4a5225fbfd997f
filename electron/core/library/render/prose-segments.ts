/**
 * Source rewrites (d2l markup, `\\( \\)` math, MDX repairs) must never touch code. This splits Markdown source
 * into fenced-code lines and prose lines, and within prose, protects inline code spans.
 */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Calls `rewrite` on every maximal run of prose lines (fenced code blocks are passed through untouched). */
export function rewriteProse(src: string, rewrite: (prose: string) => string): string {
  const lines = src.split('\n');
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (prose.length) out.push(rewrite(prose.join('\n')));
    prose = [];
  };
  for (const line of lines) {
    if (fence === null) {
      const m = FENCE.exec(line);
      if (m) {
        flush();
        fence = m[1]!;
        out.push(line);
      } else prose.push(line);
    } else {
      out.push(line);
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && line.trim() === close[1]) fence = null;
    }
  }
  flush();
  return out.join('\n');
}

/** Applies `rewrite` to text outside inline code spans (`...`). */
export function rewriteOutsideInlineCode(text: string, rewrite: (t: string) => string): string {
  return text
    .split(/(`+[^`]*?`+)/)
    .map((part, i) => (i % 2 === 1 ? part : rewrite(part)))
    .join('');
}
