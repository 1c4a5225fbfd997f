/**
 * Docusaurus code block options, read the way its theme reads them: the metastring (`title="x"`,
 * `showLineNumbers`, `showLineNumbers=5`, `{1,3-5}`) and the default magic comments (`highlight-next-line`,
 * `highlight-start` / `highlight-end`), which are removed from the code. Which comment styles count depends on the
 * language, as in Docusaurus; a block with no language has no magic comments.
 */

export interface CodeBlockPlan {
  title: string | null;
  /** First line number to show, or null for no line numbers. */
  lineStart: number | null;
  /** Highlighted lines, 1-based, of `code`. */
  highlighted: number[];
  /** The code with magic comment lines removed. */
  code: string;
}

const DIRECTIVES = '(highlight-next-line|highlight-start|highlight-end)';
const STYLES = {
  js: ['//', ''],
  jsBlock: ['/\\*', '\\*/'],
  jsx: ['\\{\\s*/\\*', '\\*/\\s*\\}'],
  bash: ['#', ''],
  html: ['<!--', '-->'],
  lua: ['--', ''],
  tex: ['%', ''],
} as const;
type Style = keyof typeof STYLES;
const POPULAR: Style[] = ['js', 'jsBlock', 'jsx', 'bash', 'html'];

function stylesFor(lang: string): Style[] {
  switch (lang) {
    case 'js': case 'javascript': case 'ts': case 'typescript':
      return ['js', 'jsBlock'];
    case 'jsx': case 'tsx':
      return ['js', 'jsBlock', 'jsx'];
    case 'html':
      return ['js', 'jsBlock', 'html'];
    case 'python': case 'py': case 'bash':
      return ['bash'];
    case 'markdown': case 'md':
      return ['html', 'jsx', 'bash'];
    case 'tex': case 'latex': case 'matlab':
      return ['tex'];
    case 'lua': case 'haskell':
      return ['lua'];
    case 'sql':
      return ['lua', 'jsBlock'];
    default:
      return POPULAR;
  }
}

const patterns = new Map<string, RegExp>();
function directivePattern(lang: string): RegExp {
  let re = patterns.get(lang);
  if (!re) {
    const alternatives = stylesFor(lang).map((s) => `${STYLES[s][0]}\\s*${DIRECTIVES}\\s*${STYLES[s][1]}`);
    // Tested on the trimmed line: no two `\s*` meet, so a long line of spaces cannot backtrack quadratically.
    re = new RegExp(`^(?:${alternatives.map((a) => `(?:${a})`).join('|')})$`);
    patterns.set(lang, re);
  }
  return re;
}

/** `1,3-5` -> [1, 3, 4, 5]; ranges are capped so a typo like `1-99999999` cannot allocate forever. */
function parseRanges(spec: string, maxLine: number): number[] {
  // Each line once, however many ranges repeat it: `{1-50000,1-50000,...}` must not multiply.
  const ranges: [number, number][] = [];
  for (const part of spec.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    if (m) ranges.push([Math.max(Number(m[1]), 1), Math.min(m[2] ? Number(m[2]) : Number(m[1]), maxLine)]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let covered = 0;
  for (const [from, to] of ranges) {
    for (let n = Math.max(from, covered + 1); n <= to; n++) out.push(n);
    covered = Math.max(covered, to);
  }
  return out;
}

function metaTitle(meta: string): string | null {
  const m = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(meta);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : null;
}

function metaLineStart(meta: string): number | null {
  const m = /(?:^|\s)showLineNumbers(?:=(?:"(\d+)"|(\d+)|(true|false)))?(?=\s|$)/i.exec(meta);
  if (!m) return null;
  if (m[3] === 'false') return null;
  const n = m[1] ?? m[2];
  return n ? Number(n) : 1;
}

/** Reads a code block's language, metastring and code into what the reader shows. */
export function planCodeBlock(lang: string | null, meta: string | null, value: string): CodeBlockPlan {
  const m = meta ?? '';
  const lines = value.split('\n');
  const marked = new Set<number>();
  let code = value;
  if (lang) {
    const re = directivePattern(lang.toLowerCase());
    const kept: string[] = [];
    let blockStart: number | null = null;
    for (const line of lines) {
      const d = re.exec(line.trim());
      const directive = d?.slice(1).find((x) => x !== undefined);
      if (!directive) {
        kept.push(line);
        continue;
      }
      // Line numbers below are 1-based positions in the kept code.
      if (directive === 'highlight-next-line') marked.add(kept.length + 1);
      else if (directive === 'highlight-start') blockStart = kept.length + 1;
      else if (blockStart !== null) {
        for (let n = blockStart; n <= kept.length; n++) marked.add(n);
        blockStart = null;
      }
    }
    code = kept.join('\n');
  }
  const count = code.split('\n').length;
  const range = /\{([\d,\s-]+)\}/.exec(m);
  if (range) for (const n of parseRanges(range[1]!, count)) marked.add(n);
  return {
    title: metaTitle(m),
    lineStart: metaLineStart(m),
    highlighted: [...marked].filter((n) => n <= count).sort((a, b) => a - b),
    code,
  };
}
