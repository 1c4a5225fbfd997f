/**
 * Source rewrites for MDX written for lenient builders (Hugging Face doc-builder, older Docusaurus): MDX 3 is
 * strict JSX, so `<img ...>` without `/>`, HTML comments, and tags whose open and close sit in different
 * Markdown blocks fail to parse. These repairs keep the author's meaning; anything still broken is handled by the
 * parser's error-guided fallback in parse-markdown.ts.
 */
import { rewriteOutsideInlineCode, rewriteProse } from './prose-segments.js';

const VOID = 'area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr';
// Case-sensitive: in MDX `<Link>` or `<Source>` is a component with children, not the HTML void element.
const VOID_OPEN = new RegExp(`<(${VOID})(?![\\w.:-])((?:"[^"]*"|'[^']*'|[^'">])*?)\\s*(?<!/)>`, 'g');

/** Hugging Face courses write math as `\\( .. \\)` and `\\[ .. \\]` (MathJax through Markdown escaping). */
export function convertEscapedMath(src: string): string {
  return rewriteProse(src, (prose) =>
    rewriteOutsideInlineCode(prose, (t) => t.replace(/\\\\\(|\\\\\)/g, '$').replace(/\\\\\[|\\\\\]/g, '$$$$')),
  );
}

export function repairMdx(src: string): string {
  return rewriteProse(src, (prose) => {
    let t = prose.replace(/<!--[\s\S]*?-->/g, '');
    t = rewriteOutsideInlineCode(t, (s) => s.replace(VOID_OPEN, '<$1$2 />'));
    const lines = t.split('\n');
    const out: string[] = [];
    for (const line of lines) {
      // `text</tag>` where the tag was opened on an earlier line: give the closing tag its own line.
      const close = /^(.*\S)\s*(<\/([A-Za-z][\w.-]*)>)\s*$/.exec(line);
      if (close && !new RegExp(`<${close[3]}[\\s>]`).test(close[1]!)) {
        out.push(close[1]!, '', close[2]!);
        continue;
      }
      // `<tag>text` whose closing tag comes on a later line: give the opening tag its own line.
      const open = /^(\s*<([a-z][\w-]*)(?:\s[^<>]*)?>)(.*\S.*)$/.exec(line);
      if (open && !open[3]!.includes(`</${open[2]}>`) && !open[1]!.endsWith('/>')) {
        out.push(open[1]!, open[3]!);
        continue;
      }
      out.push(line);
    }
    return out.join('\n');
  });
}

/**
 * For an MDX file read as CommonMark after all: its import/export lines and `{/* comments *\/}` are MDX syntax, not
 * prose, and must not show as text.
 */
export function stripMdxSyntax(src: string): string {
  return rewriteProse(src, (prose) =>
    prose
      .replace(/\{\s*\/\*[\s\S]*?\*\/\s*\}/g, '')
      .replace(/^(?:import\s[^\n]*?from\s*(['"])[^'"\n]*\1|import\s*(['"])[^'"\n]*\2|export\s+(?:const|let|var|function|default)\b[^\n]*);?[ \t]*$/gm, ''),
  );
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;

/** Does `line` close a fence opened with `fence`? (Same character, at least as long, nothing else on the line.) */
const closes = (line: string, fence: string) => {
  const t = line.trim();
  return t.length >= fence.length && t === fence[0]!.repeat(t.length);
};

/**
 * ```` ```mdx-code-block ```` fences hold MDX meant to be rendered (Docusaurus unwraps them): drop their fence
 * lines. Other fences, and anything inside them, stay as they are.
 */
export function unwrapMdxCodeBlocks(src: string): string {
  if (!src.includes('mdx-code-block')) return src;
  const out: string[] = [];
  let unwrapping: string | null = null;
  let code: string | null = null;
  for (const line of src.split('\n')) {
    if (code !== null) {
      if (closes(line, code)) code = null;
      out.push(line);
    } else if (unwrapping !== null && closes(line, unwrapping)) {
      unwrapping = null;
    } else {
      const open = FENCE_OPEN.exec(line);
      if (open && open[2] === 'mdx-code-block' && unwrapping === null) unwrapping = open[1]!;
      else {
        if (open) code = open[1]!;
        out.push(line);
      }
    }
  }
  return out.join('\n');
}
