/**
 * Splits a highlighted code block into one span per line, so single lines can be marked (Docusaurus' highlighted
 * lines) and numbered. Runs after the syntax highlighter: its spans may cross line ends, so every piece of text is
 * re-wrapped in its own copy of the spans around it. Only blocks that asked for it (the markers below, set from the
 * code block's metastring and magic comments) are touched; the markers are removed either way.
 */
import type { Element, ElementContent, Root, Text } from 'hast';

/** hast properties the mdast side sets on `<code>`: first line number, and highlighted lines as `1,4,5`. */
export const LINE_START = 'dataLineStart';
export const HIGHLIGHTED = 'dataHighlighted';

interface Piece {
  wrappers: Element[];
  value: string;
}

function pieces(nodes: ElementContent[], wrappers: Element[], out: Piece[]): void {
  for (const n of nodes) {
    if (n.type === 'text') out.push({ wrappers, value: n.value });
    else if (n.type === 'element') pieces(n.children, [...wrappers, n], out);
  }
}

function wrap(piece: Piece, value: string): ElementContent {
  let node: ElementContent = { type: 'text', value } satisfies Text;
  for (let i = piece.wrappers.length - 1; i >= 0; i--) {
    const w = piece.wrappers[i]!;
    node = { type: 'element', tagName: w.tagName, properties: { ...w.properties }, children: [node] };
  }
  return node;
}

function splitLines(code: Element, start: number | null, highlighted: Set<number>): void {
  const all: Piece[] = [];
  pieces(code.children, [], all);
  const lines: ElementContent[][] = [[]];
  for (const p of all) {
    p.value.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines.at(-1)!.push(wrap(p, part));
    });
  }
  // The code's own final newline leaves an empty last line: no line of its own.
  if (lines.length > 1 && lines.at(-1)!.length === 0) lines.pop();
  const children: ElementContent[] = [];
  lines.forEach((content, i) => {
    const n = i + 1;
    const className = highlighted.has(n) ? ['code-line', 'code-line-highlighted'] : ['code-line'];
    const properties: Element['properties'] = { className };
    if (start !== null) properties.dataLine = String(start + i);
    children.push({ type: 'element', tagName: 'span', properties, children: content });
    children.push({ type: 'text', value: '\n' });
  });
  code.children = children;
}

function visit(nodes: Root['children'] | ElementContent[]): void {
  for (const n of nodes) {
    if (n.type !== 'element') continue;
    if (n.tagName === 'code' && (LINE_START in n.properties || HIGHLIGHTED in n.properties)) {
      const rawStart = n.properties[LINE_START];
      const start = rawStart === undefined ? null : Number(rawStart);
      const marked = new Set(String(n.properties[HIGHLIGHTED] ?? '').split(',').filter(Boolean).map(Number));
      delete n.properties[LINE_START];
      delete n.properties[HIGHLIGHTED];
      splitLines(n, start !== null && Number.isFinite(start) ? start : null, marked);
      continue;
    }
    visit(n.children);
  }
}

/** rehype plugin: line spans for the code blocks marked on the mdast side. */
export function rehypeCodeLines() {
  return (tree: Root) => visit(tree.children);
}
