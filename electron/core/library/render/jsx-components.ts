/**
 * MDX JSX elements -> plain mdast. Nothing here evaluates JavaScript: attribute values are read as strings, and
 * the one structured attribute we use (Question's `choices`) is read from the parsed syntax tree of its literal.
 * Known components get an equivalent (a tip box for <Tip>, a link for <Youtube>), plain HTML tags stay as safe
 * elements (the sanitizer has the last word), and unknown components are replaced by their children.
 */
import { admonition, element, text, type MdNode } from './mdast-node.js';
import { parseInlineMarkdown } from './parse-markdown.js';
import { attributes, expressionAttribute, literalProp, type Estree } from './jsx-attributes.js';
import { tabPanel, tabs, themedImage, urlOf } from './docusaurus-components.js';
import type { ChapterDiagnostics } from './types.js';

const PASSTHROUGH = new Set([
  'abbr', 'b', 'blockquote', 'br', 'code', 'dd', 'details', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'hr',
  'i', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 's', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul', 'section', 'article', 'aside', 'center',
]);
const KEPT_PROPS = new Set(['id', 'title', 'alt', 'width', 'height', 'align', 'open', 'colSpan', 'rowSpan']);
const DROPPED = new Set(['CourseFloatingBanner', 'script', 'style', 'iframe', 'head', 'meta', 'link']);

function inline(markdown: string): MdNode[] {
  const root = parseInlineMarkdown(markdown) as unknown as MdNode;
  const first = root.children?.[0];
  return first?.type === 'paragraph' ? (first.children ?? []) : [text(markdown)];
}

/** HF course quiz: each choice with its explanation behind a disclosure, so the student can try first. */
function question(node: MdNode): MdNode[] {
  const choices = expressionAttribute(node, 'choices');
  if (!choices || choices.type !== 'ArrayExpression') return [];
  const items: MdNode[] = [];
  for (const c of (choices.elements as Estree[]) ?? []) {
    if (!c || c.type !== 'ObjectExpression') continue;
    const choiceText = literalProp(c, 'text');
    if (typeof choiceText !== 'string') continue;
    const correct = literalProp(c, 'correct') === true;
    const explain = literalProp(c, 'explain');
    const verdict = correct ? 'Correct.' : 'Not quite.';
    items.push(
      element('li', {}, [
        element('p', {}, inline(choiceText)),
        element('details', {}, [
          element('summary', {}, [text('Show answer')]),
          element('p', {}, [text(`${verdict} `), ...(typeof explain === 'string' && explain ? inline(explain) : [])]),
        ]),
      ]),
    );
  }
  return items.length ? [element('div', { className: ['quiz'] }, [element('ol', {}, items)])] : [];
}

function link(url: string, label: string): MdNode {
  return { type: 'link', url, children: [text(label)] };
}

/** `<CodeBlock language title showLineNumbers>{`code`}</CodeBlock>` (Docusaurus): the same as a fenced block. */
function codeBlock(node: MdNode): MdNode[] {
  const attrs = attributes(node);
  const expr = (node.children?.[0]?.data?.estree as { body?: { expression?: Estree }[] } | undefined)?.body?.[0]?.expression;
  let value: string | null = null;
  if (expr?.type === 'TemplateLiteral' && (expr.expressions as unknown[]).length === 0) value = (expr.quasis as { value: { cooked: string } }[])[0]?.value.cooked ?? null;
  else if (expr?.type === 'Literal' && typeof expr.value === 'string') value = expr.value;
  if (value === null) return [];
  const meta = [
    typeof attrs.title === 'string' ? `title="${attrs.title.replace(/"/g, '')}"` : '',
    attrs.showLineNumbers === true ? 'showLineNumbers' : typeof attrs.showLineNumbers === 'string' ? `showLineNumbers=${attrs.showLineNumbers}` : '',
  ].filter(Boolean).join(' ');
  return [{ type: 'code', lang: typeof attrs.language === 'string' ? attrs.language : null, meta: meta || null, value: value.replace(/^\n|\n$/g, '') }];
}

/** Maps one JSX element; components it does not know are rendered as their children and noted in `found`. */
export function jsxToNodes(node: MdNode, found: ChapterDiagnostics): MdNode[] {
  const name = node.name ?? '';
  const kids = node.children ?? [];
  const attrs = attributes(node);
  const flow = node.type === 'mdxJsxFlowElement';
  const para = (children: MdNode[]): MdNode[] => (flow ? [{ type: 'paragraph', children }] : children);
  if (name === '' || DROPPED.has(name)) return name === '' ? kids : [];
  switch (name) {
    case 'Tip':
      return [attrs.warning ? admonition('warning', 'Warning', kids) : admonition('tip', 'Tip', kids)];
    case 'Admonition': {
      const kind = typeof attrs.type === 'string' ? attrs.type.toLowerCase() : 'note';
      const title = typeof attrs.title === 'string' ? attrs.title : kind.charAt(0).toUpperCase() + kind.slice(1);
      return [admonition(kind, title, kids)];
    }
    case 'Question':
      return question(node);
    case 'Youtube': {
      const id = typeof attrs.id === 'string' && /^[\w-]{6,20}$/.test(attrs.id) ? attrs.id : null;
      return id ? para([link(`https://www.youtube.com/watch?v=${id}`, 'Watch the video on YouTube')]) : [];
    }
    case 'Tabs':
      return tabs(node);
    case 'TabItem':
      return [tabPanel(node, new Map(), false)];
    case 'ThemedImage':
      return themedImage(node);
    case 'CodeBlock':
      return codeBlock(node);
    case 'img': {
      const src = typeof attrs.src === 'string' ? attrs.src : (urlOf(expressionAttribute(node, 'src')) ?? '');
      const alt = typeof attrs.alt === 'string' ? attrs.alt : '';
      if (!src) return [];
      const img: MdNode = { type: 'image', url: src, alt, title: null };
      if (typeof attrs.width === 'string') img.data = { hProperties: { width: attrs.width } };
      return para([img]);
    }
    case 'a':
    case 'Link': {
      // Docusaurus' `<Link to="/docs/x">` (or `href`) is a link like any other: resolved to a chapter, or words.
      const url = typeof attrs.href === 'string' ? attrs.href : name === 'Link' && typeof attrs.to === 'string' ? attrs.to : null;
      if (url === null) return kids;
      return para([{ type: 'link', url, children: flow ? kids.flatMap((k) => k.children ?? [k]) : kids }]);
    }
    case 'video':
    case 'audio': {
      const src =
        (typeof attrs.src === 'string' && attrs.src) ||
        kids.map((k) => attributes(k).src).find((s): s is string => typeof s === 'string');
      return src ? para([link(src, name === 'video' ? 'Open the video' : 'Open the audio')]) : [];
    }
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
      return [{ type: 'heading', depth: Number(name[1]), children: kids.flatMap((k) => (k.type === 'paragraph' ? (k.children ?? []) : [k])) }];
  }
  if (PASSTHROUGH.has(name)) {
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class' || k === 'className') props.className = String(v).split(/\s+/).filter(Boolean);
      else if (KEPT_PROPS.has(k)) props[k] = v;
    }
    return [element(name === 'center' ? 'div' : name, props, kids)];
  }
  // Unknown component: its content, no behaviour; a text `title`/`label` prop is content too (e.g. a card heading).
  if (!found.unknownComponents.includes(name)) found.unknownComponents.push(name);
  const heading = typeof attrs.title === 'string' ? attrs.title : typeof attrs.label === 'string' ? attrs.label : null;
  return heading && flow ? [{ type: 'paragraph', children: [{ type: 'strong', children: [text(heading)] }] }, ...kids] : kids;
}
