/**
 * remark-math only closes a `$$` block at a line holding just `$$`, and reads text after an opening `$$` as the
 * fence's "meta": `$$\begin{aligned}` ... `\end{aligned}$$` (common in d2l and Docusaurus books) would swallow the
 * rest of the chapter. Give every display-math fence a line of its own.
 */
import { rewriteProse } from './prose-segments.js';

export function normalizeDisplayMath(src: string): string {
  return rewriteProse(src, (prose) => {
    const out: string[] = [];
    let inBlock = false;
    let fenceIndent = ''; // the closing fence goes where the opening one was (4+ spaces would make it code)
    for (const line of prose.split('\n')) {
      const indent = /^\s*/.exec(line)![0];
      const t = line.trim();
      if (!inBlock) {
        if (!t.startsWith('$$')) {
          out.push(line);
          continue;
        }
        const rest = t.slice(2);
        const close = rest.indexOf('$$');
        if (close >= 0) {
          // `$$x$$` alone on a line: a display equation; anything after it stays as text.
          const after = rest.slice(close + 2).trim();
          out.push(`${indent}$$`, `${indent}${rest.slice(0, close)}`, `${indent}$$`, ...(after ? [`${indent}${after}`] : []));
        } else {
          out.push(`${indent}$$`, ...(rest.trim() ? [`${indent}${rest}`] : []));
          inBlock = true;
          fenceIndent = indent;
        }
      } else if (t === '$$') {
        out.push(line);
        inBlock = false;
      } else if (t.endsWith('$$')) {
        out.push(`${indent}${t.slice(0, -2)}`, `${fenceIndent}$$`);
        inBlock = false;
      } else out.push(line);
    }
    return out.join('\n');
  });
}
