/**
 * A loose view of mdast nodes. The transforms below create nodes that are not in mdast's type map (containers
 * carrying `data.hName`, which mdast-util-to-hast turns into elements), so they work on this shape.
 */
export interface MdNode {
  type: string;
  value?: string;
  url?: string;
  alt?: string | null;
  title?: string | null;
  lang?: string | null;
  meta?: string | null;
  depth?: number;
  name?: string;
  attributes?: unknown;
  children?: MdNode[];
  data?: { hName?: string; hProperties?: Record<string, unknown>; [k: string]: unknown };
  [k: string]: unknown;
}

/** An element-producing node: mdast-util-to-hast renders unknown nodes with data.hName as that element. */
export function element(hName: string, props: Record<string, unknown>, children: MdNode[]): MdNode {
  return { type: 'readerElement', data: { hName, hProperties: props }, children };
}

export const text = (value: string): MdNode => ({ type: 'text', value });

/** A titled box (`:::tip`, `<Tip>`): an <aside> the page styles by kind. */
export function admonition(kind: string, title: string, children: MdNode[]): MdNode {
  return element('aside', { className: ['admonition', `admonition-${kind}`] }, [
    element('p', { className: ['admonition-title'] }, [text(title)]),
    ...children,
  ]);
}

const BLOCK_JOIN = new Set(['root', 'list', 'listItem', 'blockquote', 'table', 'readerElement', 'containerDirective']);

/** Plain text of a node: math as its TeX source, images as their alt text. */
export function plainText(node: MdNode): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
    case 'math':
    case 'inlineMath':
      return node.value ?? '';
    case 'break':
      return '\n';
    case 'image':
      return node.alt ?? '';
    default: {
      if (!node.children) return '';
      const sep = node.type === 'tableRow' ? ' | ' : BLOCK_JOIN.has(node.type) ? '\n' : '';
      return node.children.map(plainText).join(sep);
    }
  }
}
