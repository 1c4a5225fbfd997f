/**
 * Rewrites a parsed chapter into what the reader shows: MDX/JSX mapped to safe elements (never executed),
 * admonitions to boxes, heading anchors fixed, code titles shown, book-relative images and links pointed at the
 * asset scheme or at other chapters, missing images replaced by their alt text.
 */
import GithubSlugger from 'github-slugger';
import { posix } from 'node:path';
import type { Root } from 'mdast';
import { assetUrl } from './asset-url.js';
import { admonition, element, plainText, text, type MdNode } from './mdast-node.js';
import { jsxToNodes } from './jsx-components.js';
import { planCodeBlock } from './code-meta.js';
import { HIGHLIGHTED, LINE_START } from './code-lines.js';
import { noDiagnostics, type ChapterDiagnostics, type RenderContext } from './types.js';

const ADMONITIONS = new Set(['note', 'tip', 'info', 'caution', 'danger', 'warning', 'important', 'success', 'secondary']);
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell']);
const BLOCK_ELEMENTS = new Set(['figure', 'figcaption', 'div', 'aside', 'details', 'summary', 'table', 'ul', 'ol', 'section', 'article', 'blockquote', 'pre', 'dl', 'p']);
// `## Title [[anchor]]` (HF doc-builder) and `## Title {#anchor}` (Docusaurus) set the heading's id.
// Matched against the trimmed text, with bounded parts, so a long heading of spaces or `[[` stays linear.
const ANCHOR_SUFFIX = /(?:\[\[([^[\]]{1,200})\]\]|\{#([\w.:-]{1,200})\})$/;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `decodeURIComponent`, or null for a malformed escape (`%zz`): such a link is broken, not a reason to fail. */
function decoded(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** Book-relative path of `url` as written in chapter `file`, or null if it leaves the book or is malformed. */
function bookRelative(file: string, url: string): string | null {
  const clean = decoded(url.split(/[?#]/)[0]!);
  if (clean === null) return null;
  const joined = clean.startsWith('/') ? clean.slice(1) : posix.join(posix.dirname(file), clean);
  const norm = posix.normalize(joined);
  return norm.startsWith('..') || norm === '.' || norm === '' ? null : norm;
}

/** Tooltip of a link that leads nowhere in the book. */
const UNRESOLVED_TITLE = 'This link leads to nothing in this book';

const isExternal = (url: string) => /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');

export class ChapterTransformer {
  private slugger = new GithubSlugger();

  constructor(
    private ctx: RenderContext,
    /** Filled while transforming: unknown components, links and images that lead nowhere. */
    readonly found: ChapterDiagnostics = noDiagnostics(),
  ) {}

  run(tree: Root): void {
    this.children(tree as unknown as MdNode);
  }

  /** Rewrites a parent's children in place (a node may become zero, one or many nodes). */
  children(parent: MdNode): void {
    if (!parent.children) return;
    const inPhrasing = PHRASING_PARENTS.has(parent.type) || parent.type === 'mdxJsxTextElement';
    const out: MdNode[] = [];
    for (const child of parent.children) out.push(...this.node(child, inPhrasing));
    parent.children = out;
  }

  private node(node: MdNode, inPhrasing: boolean): MdNode[] {
    switch (node.type) {
      case 'mdxjsEsm':
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        return []; // import/export and {expressions}: never evaluated, nothing to show
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const mapped = jsxToNodes(node, this.found);
        const wrapper: MdNode = { type: node.type, children: mapped };
        this.children(wrapper);
        return wrapper.children!;
      }
      case 'html': {
        // Raw HTML in plain Markdown (or MDX we could not parse): keep its words, never its markup.
        const words = (node.value ?? '').replace(/<[^<>]*>/g, ' ').replace(/[ \t]+/g, ' ').trim();
        if (!words) return [];
        return inPhrasing ? [text(words)] : [{ type: 'paragraph', children: [text(words)] }];
      }
      case 'heading':
        return [this.heading(node)];
      case 'containerDirective':
        return this.container(node);
      case 'leafDirective':
      case 'textDirective': {
        // Not an admonition: put back the characters the author typed.
        this.children(node);
        const label = node.children?.length ? `[${plainText(node)}]` : '';
        const restored = text(`${node.type === 'leafDirective' ? '::' : ':'}${node.name}${label}`);
        return node.type === 'leafDirective' ? [{ type: 'paragraph', children: [restored] }] : [restored];
      }
      case 'code':
        return [this.code(node)];
      case 'image':
        return this.image(node);
      case 'link':
        return this.link(node);
      case 'paragraph': {
        this.children(node);
        // A paragraph holding only block elements (e.g. `<figcaption>` written inline) would nest blocks in <p>.
        const kids = node.children ?? [];
        const onlyBlocks =
          kids.some((k) => k.type === 'readerElement') &&
          kids.every((k) => (k.type === 'readerElement' && BLOCK_ELEMENTS.has(k.data?.hName ?? '')) || (k.type === 'text' && !k.value?.trim()));
        return onlyBlocks ? kids.filter((k) => k.type === 'readerElement') : [node];
      }
      default:
        this.children(node);
        return [node];
    }
  }

  private heading(node: MdNode): MdNode {
    this.children(node);
    let id: string | null = null;
    const last = node.children?.at(-1);
    if (last?.type === 'text') {
      const value = (last.value ?? '').trimEnd();
      const m = ANCHOR_SUFFIX.exec(value);
      if (m) {
        id = (m[1] ?? m[2]!).trim();
        last.value = value.slice(0, m.index).trimEnd();
      }
    }
    const plain = plainText(node).replace(/\s+/g, ' ').trim();
    node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id: id ?? this.slugger.slug(plain || 'section') } };
    return node;
  }

  private container(node: MdNode): MdNode[] {
    const kind = (node.name ?? '').toLowerCase();
    const kids = node.children ?? [];
    const labelIdx = kids.findIndex((c) => c.type === 'paragraph' && c.data?.directiveLabel === true);
    const title = labelIdx >= 0 ? plainText(kids[labelIdx]!).trim() : '';
    const body = kids.filter((_, i) => i !== labelIdx);
    const wrapper: MdNode = { type: 'readerElement', children: body };
    this.children(wrapper);
    if (!ADMONITIONS.has(kind)) return wrapper.children!;
    return [admonition(kind, title || capitalize(kind), wrapper.children!)];
  }

  private code(node: MdNode): MdNode {
    // Where the site enables mermaid, the chapter view draws the diagram from this source (it needs a browser).
    if (node.lang === 'mermaid' && this.ctx.mermaid) return element('div', { className: ['mermaid-diagram'] }, [node]);
    const plan = planCodeBlock(node.lang ?? null, node.meta ?? null, node.value ?? '');
    node.value = plan.code;
    if (plan.lineStart !== null || plan.highlighted.length) {
      const marks: Record<string, string> = { [HIGHLIGHTED]: plan.highlighted.join(',') };
      if (plan.lineStart !== null) marks[LINE_START] = String(plan.lineStart);
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, ...marks } };
    }
    if (plan.title === null) return node;
    return element('figure', { className: ['code-block'] }, [
      element('figcaption', { className: ['code-title'] }, [text(plan.title)]),
      node,
    ]);
  }

  private image(node: MdNode): MdNode[] {
    let url = node.url ?? '';
    const alt = node.alt ?? '';
    // GitHub's `#gh-light-mode-only` / `#gh-dark-mode-only`, which Docusaurus also honours: one image per theme.
    const mode = /#gh-(light|dark)-mode-only$/.exec(url);
    const themed = mode ? { hProperties: { className: [`only-${mode[1]}`] } } : undefined;
    if (mode) {
      url = url.slice(0, mode.index);
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, ...themed!.hProperties } };
    }
    // The app's CSP loads images only from the book folder; a web image becomes a link the reader can follow.
    if (/^https?:\/\//i.test(url)) return [{ type: 'link', url, children: [text(`Image: ${alt || 'online image'}`)], data: themed }];
    // A missing image keeps its words (and its theme, so only one of a pair shows).
    const theme = node.data?.hProperties?.className;
    const missing = alt ? [{ type: 'emphasis', children: [text(alt)], data: theme ? { hProperties: { className: theme } } : undefined }] : [];
    if (isExternal(url)) return missing;
    const found = this.bookFile(url);
    if (!found) {
      this.note(this.found.unresolvedImages, url);
      return missing;
    }
    node.url = assetUrl(this.ctx.bookId, found);
    return [node];
  }

  /** Book-relative path of an existing file `url` names: from the page's folder, or a site URL from the static folders. */
  private bookFile(url: string): string | null {
    const candidates = [bookRelative(this.ctx.file, url)];
    // Docusaurus serves `/img/x.png` from the site's static directories.
    if (url.startsWith('/')) for (const dir of this.ctx.staticDirs ?? ['static']) candidates.push(bookRelative('', `${dir}/${url.slice(1)}`));
    return candidates.find((p): p is string => p !== null && this.ctx.assetExists(p)) ?? null;
  }

  private note(list: string[], url: string): void {
    if (!list.includes(url)) list.push(url);
  }

  private link(node: MdNode): MdNode[] {
    this.children(node);
    const url = node.url ?? '';
    if (url.startsWith('d2l-label:')) {
      const label = decoded(url.slice('d2l-label:'.length));
      const target = label === null ? undefined : this.ctx.labels.get(label);
      if (!target) return node.children!;
      return [this.chapterLink(target.chapterId, label, [text(target.title)])];
    }
    if (url.startsWith('#') || /^(?:https?|mailto):/i.test(url)) return [node];
    if (isExternal(url)) {
      // Any other scheme (`reader-asset:` naming another book's file, `file:`, `javascript:`) leads nowhere a chapter
      // may send its reader: kept as words.
      this.note(this.found.unresolvedLinks, url);
      return [element('span', { className: ['unresolved-link'], title: UNRESOLVED_TITLE }, node.children!)];
    }
    const hashAt = url.indexOf('#');
    const hash = hashAt >= 0 ? decoded(url.slice(hashAt + 1)) || null : null;
    const path = (hashAt >= 0 ? url.slice(0, hashAt) : url).split('?')[0]!;
    if (path.startsWith('/')) {
      // A site URL (`/docs/intro#x`, a page's slug): Docusaurus books link this way as often as by file.
      const id = this.ctx.chapterIdForUrlPath?.(path.replace(/\/+$/, '') || '/');
      if (id) return [this.chapterLink(id, hash, node.children!)];
    }
    const chapterId = this.chapterByUrl(path) ?? this.chapterFor(path);
    if (chapterId) return [this.chapterLink(chapterId, hash, node.children!)];
    const file = this.bookFile(path);
    if (file) {
      // Not a page (a PDF, an archive, a notebook): offered as a download, opened outside the reader.
      node.url = assetUrl(this.ctx.bookId, file);
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, dataBookFile: file, download: posix.basename(file) } };
      return [node];
    }
    // Following it would navigate the app away (or to an error page): keep the words and say why (the import report
    // names the target).
    this.note(this.found.unresolvedLinks, url);
    return [element('span', { className: ['unresolved-link'], title: UNRESOLVED_TITLE }, node.children!)];
  }

  /**
   * A relative link without a Markdown extension is a URL to Docusaurus: the browser resolves it against the page's
   * own URL, which for a folder's index page is the folder itself (`./b` from `a/index.md` is a sibling of `a`).
   */
  private chapterByUrl(path: string): string | null {
    const pageUrl = this.ctx.pageUrl;
    if (!pageUrl || !this.ctx.chapterIdForUrlPath || path === '' || path.startsWith('/') || /\.mdx?$/i.test(path)) return null;
    let resolved: string;
    try {
      resolved = decodeURI(new URL(path, `https://site.invalid${pageUrl}`).pathname);
    } catch {
      return null;
    }
    return this.ctx.chapterIdForUrlPath(resolved.replace(/\/+$/, '') || '/');
  }

  /** The chapter a relative link names: a file with or without its extension, or a folder's index or README. */
  private chapterFor(path: string): string | null {
    const bare = path.replace(/\/+$/, '');
    // Docusaurus resolves a Markdown file link beside the page first, then from the docs folder's top.
    const docsDir = this.ctx.docsDir;
    const fromDocsRoot = docsDir !== undefined && /\.mdx?$/i.test(bare) && !bare.startsWith('/') ? bookRelative(docsDir && docsDir !== '.' ? `${docsDir}/index.md` : 'index.md', bare) : null;
    for (const rel of [bookRelative(this.ctx.file, bare), fromDocsRoot]) {
      if (!rel) continue;
      for (const candidate of [rel, `${rel}.md`, `${rel}.mdx`, ...['index', 'README', 'readme'].flatMap((n) => [`${rel}/${n}.md`, `${rel}/${n}.mdx`])]) {
        const id = this.ctx.chapterIdForFile(candidate);
        if (id) return id;
      }
    }
    return null;
  }

  /** Links between chapters: the page handles them (data attributes), `href` keeps them keyboard-focusable. */
  private chapterLink(chapterId: string, anchor: string | null, children: MdNode[]): MdNode {
    return {
      type: 'link',
      url: anchor ? `#${anchor}` : '#',
      children,
      data: { hProperties: { dataChapterId: chapterId, ...(anchor ? { dataAnchor: anchor } : {}) } },
    };
  }
}
