/**
 * Markdown/MDX source -> mdast. Parsers are built once and reused (building unified pipelines per chapter is
 * a large share of import time). MDX is parsed with remark-mdx so JSX, import and export become syntax nodes that
 * are mapped or dropped later and never executed. When an MDX file still fails to parse after repairs, the
 * offending `<` or `{` (the parser reports where) is escaped and parsing retried; as a last resort the file is read
 * as plain Markdown (CommonMark), where raw HTML becomes text and MDX-only lines (imports, exports, comments) are dropped.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkDirective from 'remark-directive';
import type { Root } from 'mdast';
import { stripMdxSyntax } from './preprocess-mdx.js';

export interface ParseOptions {
  mdx: boolean;
  /** `:::tip` admonitions (Docusaurus and plain Markdown books). */
  directives: boolean;
}

type Parser = { parse(src: string): Root };
const parsers = new Map<string, Parser>();

function parserFor(opts: ParseOptions): Parser {
  const key = `${opts.mdx}:${opts.directives}`;
  let p = parsers.get(key);
  if (!p) {
    const proc = unified().use(remarkParse).use(remarkGfm).use(remarkMath);
    if (opts.directives) proc.use(remarkDirective);
    if (opts.mdx) proc.use(remarkMdx);
    const frozen = proc.freeze();
    p = { parse: (src) => frozen.parse(src) as Root };
    parsers.set(key, p);
  }
  return p;
}

const MAX_REPAIRS = 40;

/** Offset in `src` of a 1-based line/column. */
function offsetOf(src: string, line: number, column: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = src.indexOf('\n', off);
    if (nl < 0) return -1;
    off = nl + 1;
  }
  return off + column - 1;
}

function errorPlace(err: unknown): { line: number; column: number } | null {
  // "Expected a closing tag for `<x>` (3:5-3:9) before the end of `paragraph`": the tag's own position is in the
  // message, while `place` spans the whole paragraph.
  const inMessage = /\((\d+):(\d+)-\d+:\d+\)/.exec(String((err as Error)?.message ?? ''));
  if (inMessage) return { line: Number(inMessage[1]), column: Number(inMessage[2]) };
  const e = err as { place?: { line?: number; column?: number; start?: { line: number; column: number } } };
  const place = e.place?.start ?? e.place;
  return place && typeof place.line === 'number' && typeof place.column === 'number'
    ? { line: place.line, column: place.column }
    : null;
}

export interface ParsedSource {
  tree: Root;
  /** How the source was finally read: 'mdx', 'mdx-repaired' (some `<`/`{` escaped) or 'markdown'. */
  mode: 'mdx' | 'mdx-repaired' | 'markdown';
  /** The MDX parser's first complaint, with its place (null when MDX parsed as written, or for Markdown). */
  error: string | null;
}

function describe(err: unknown): string {
  const msg = String((err as Error)?.message ?? err).split('\n')[0]!;
  const place = errorPlace(err);
  return place && !/\(\d+:\d+/.test(msg) ? `${msg} (line ${place.line}, column ${place.column})` : msg;
}

export function parseSource(src: string, opts: ParseOptions): ParsedSource {
  if (!opts.mdx) return { tree: parserFor(opts).parse(src), mode: 'markdown', error: null };
  const parser = parserFor(opts);
  let text = src;
  let first: string | null = null;
  for (let attempt = 0; attempt <= MAX_REPAIRS; attempt++) {
    try {
      return { tree: parser.parse(text), mode: attempt === 0 ? 'mdx' : 'mdx-repaired', error: first };
    } catch (err) {
      first ??= describe(err);
      const place = errorPlace(err);
      if (!place) break;
      // The reported place is the start of the offending construct, or just after it; search back a little.
      const at = offsetOf(text, place.line, place.column);
      let fixAt = -1;
      for (let i = Math.min(at, text.length - 1); i >= 0 && i >= at - 200; i--) {
        const c = text[i];
        if ((c === '<' || c === '{') && text[i - 1] !== '\\') {
          fixAt = i;
          break;
        }
      }
      if (fixAt < 0) break;
      text = text.slice(0, fixAt) + (text[fixAt] === '<' ? '&lt;' : '\\{') + text.slice(fixAt + 1);
    }
  }
  return { tree: parserFor({ ...opts, mdx: false }).parse(stripMdxSyntax(src)), mode: 'markdown', error: first };
}

/** Parses a short Markdown string (e.g. a quiz choice) into phrasing content. */
export function parseInlineMarkdown(src: string): Root {
  return parserFor({ mdx: false, directives: false }).parse(src);
}
