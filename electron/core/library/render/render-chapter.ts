/**
 * One chapter source -> sanitized HTML, plain text, outline and search sections. Runs at import time only; the
 * reader then serves the stored HTML. The hast half of the pipeline is built once and reused for every chapter.
 */
import { anchorTextWithHeadings } from './anchor-text.js';
import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeKatex from 'rehype-katex';
import rehypeHighlight from 'rehype-highlight';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { parseSource } from './parse-markdown.js';
import { preprocessD2l } from './preprocess-d2l.js';
import { convertEscapedMath, repairMdx, unwrapMdxCodeBlocks } from './preprocess-mdx.js';
import { rewriteProse } from './prose-segments.js';
import { normalizeDisplayMath } from './display-math.js';
import { ChapterTransformer } from './transform-mdast.js';
import { plainText, text, type MdNode } from './mdast-node.js';
import { buildOutline, buildSections } from './sections.js';
import { chapterSchema } from './sanitize-schema.js';
import { MAX_MATH_EM, rehypeBoundMath } from './math-bounds.js';
import { hastToText } from './html-text.js';
import { rehypeCodeLines } from './code-lines.js';
import { type RenderContext, type RenderedChapter } from './types.js';

const toHtml = unified()
  .use(remarkRehype)
  // MathML output: Chromium renders it natively, so the HTML needs no KaTeX inline styles (blocked by the CSP).
  // maxSize caps every size an author writes (negative ones are left to rehypeBoundMath); maxExpand, KaTeX's
  // default pinned here, stops a \def that expands itself forever.
  .use(rehypeKatex, { output: 'mathml', strict: 'ignore', maxSize: MAX_MATH_EM, maxExpand: 1000 })
  .use(rehypeHighlight, { detect: false })
  .use(rehypeCodeLines)
  .use(rehypeSanitize, chapterSchema)
  .use(rehypeBoundMath)
  .use(rehypeStringify)
  .freeze();

/** Docusaurus writes `:::tip Title`; remark-directive wants `:::tip[Title]`. */
function bracketAdmonitionTitles(src: string): string {
  return rewriteProse(src, (p) => p.replace(/^(\s*:{3,}[A-Za-z][\w-]*)[ \t]+([^\s[{][^\n]*?)\s*$/gm, '$1[$2]'));
}

function preprocess(src: string, ctx: RenderContext, mdx: boolean): string {
  switch (ctx.flavor) {
    case 'd2l':
      return preprocessD2l(src);
    case 'hf-course':
      return repairMdx(convertEscapedMath(src));
    default:
      return mdx ? repairMdx(bracketAdmonitionTitles(unwrapMdxCodeBlocks(src))) : bracketAdmonitionTitles(src);
  }
}

/** Is this chapter MDX? The site's format when the planner knows it, else by extension (HF courses are all MDX). */
function isMdx(ctx: RenderContext): boolean {
  if (ctx.flavor === 'hf-course') return true;
  if (ctx.format) return ctx.format === 'mdx';
  return ctx.file.endsWith('.mdx');
}

/**
 * What the import report says about how an MDX chapter was read. Read as CommonMark: a fallback. Read as MDX with
 * some `<`/`{` shown as text: Docusaurus would refuse to build that page, so the reader's guess is reported too;
 * not for Hugging Face courses, whose builder is lenient and reads them as we do.
 */
function mdxReport(ctx: RenderContext, mode: 'mdx' | 'mdx-repaired' | 'markdown', error: string | null): string | null {
  if (mode === 'markdown') return `not valid MDX, read as CommonMark: ${error ?? 'parse error'}`;
  if (mode === 'mdx-repaired' && ctx.flavor !== 'hf-course') return `not valid MDX, read with some characters as text: ${error ?? 'parse error'}`;
  return null;
}

/** `units/intro-to-ros.md` -> `Intro to ros`: last resort for a page with no title anywhere. */
function untitled(file: string): string {
  const base = (file.split('/').at(-1) ?? file).replace(/\.mdx?$/, '').replace(/^\d+[-_.]/, '').replace(/[-_]+/g, ' ');
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/** Renders Markdown/MDX body text (front matter already removed). */
export function renderChapter(body: string, ctx: RenderContext): RenderedChapter {
  const mdx = isMdx(ctx);
  const src = normalizeDisplayMath(preprocess(body, ctx, mdx));
  const { tree, mode, error } = parseSource(src, { mdx, directives: ctx.flavor === 'docusaurus' || ctx.flavor === 'markdown' });
  const transformer = new ChapterTransformer(ctx);
  transformer.run(tree);
  const root = tree as unknown as MdNode;
  const firstH1 = root.children?.find((n) => n.type === 'heading' && n.depth === 1);
  const h1Text = firstH1 ? plainText(firstH1).replace(/\s+/g, ' ').trim() : '';
  const title = ctx.title || h1Text || untitled(ctx.file);
  const sections = buildSections(root, title);
  // Every chapter page starts with its title as the one h1, so the page never has to add it.
  if (!firstH1) root.children = [{ type: 'heading', depth: 1, children: [text(title)], data: { hProperties: { id: 'top' } } }, ...(root.children ?? [])];
  const outline = buildOutline(root);
  const hast = toHtml.runSync(tree as MdastRoot) as HastRoot;
  const diagnostics = { ...transformer.found, mdxFallback: mdx ? mdxReport(ctx, mode, error) : null };
  const html = toHtml.stringify(hast);
  return { title, html, text: hastToText(hast), anchorText: anchorTextWithHeadings(html), outline, sections, diagnostics };
}
