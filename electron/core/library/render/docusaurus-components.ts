/**
 * Docusaurus theme components as plain, readable HTML (nothing is executed; props are read from literals only):
 *
 *   <Tabs groupId="os">            div.tabs[data-group-id]
 *     <TabItem value label default>  div.tab-panel[data-tab-value][data-tab-label][data-tab-default] > p.tab-label
 *
 * Every panel stays in the HTML with its label, so the chapter reads in full without script and search finds every
 * tab; the chapter view turns these into real tabs. ThemedImage becomes one image per theme (classes `only-light`
 * / `only-dark`), which the page's theme shows or hides by CSS.
 */
import { element, text, type MdNode } from './mdast-node.js';
import { attributes, expressionAttribute, literalProp, type Estree } from './jsx-attributes.js';

const isJsx = (n: MdNode) => n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement';

/** `values={[{label, value}]}` on <Tabs>: labels for values. */
function tabValues(tabs: MdNode): Map<string, string> {
  const out = new Map<string, string>();
  const arr = expressionAttribute(tabs, 'values');
  if (arr?.type !== 'ArrayExpression') return out;
  for (const item of (arr.elements as (Estree | null)[]) ?? []) {
    if (item?.type !== 'ObjectExpression') continue;
    const value = literalProp(item, 'value');
    const label = literalProp(item, 'label');
    if (typeof value === 'string') out.set(value, typeof label === 'string' ? label : value);
  }
  return out;
}

/** One tab panel; `isDefault` marks the tab shown first. */
export function tabPanel(item: MdNode, labels: ReadonlyMap<string, string>, isDefault: boolean): MdNode {
  const attrs = attributes(item);
  const value = typeof attrs.value === 'string' ? attrs.value : '';
  const label = typeof attrs.label === 'string' ? attrs.label : (labels.get(value) ?? value);
  const props: Record<string, unknown> = { className: ['tab-panel'], dataTabValue: value, dataTabLabel: label };
  if (isDefault) props.dataTabDefault = 'true';
  const heading = label ? [element('p', { className: ['tab-label'] }, [{ type: 'strong', children: [text(label)] }])] : [];
  return element('div', props, [...heading, ...(item.children ?? [])]);
}

export function tabs(node: MdNode): MdNode[] {
  const attrs = attributes(node);
  const labels = tabValues(node);
  // `<TabItem>a</TabItem>` on one line is inline JSX, inside a paragraph of its own.
  const items = (node.children ?? [])
    .flatMap((k) => (k.type === 'paragraph' ? (k.children ?? []) : [k]))
    .filter((k) => isJsx(k) && k.name === 'TabItem');
  // Docusaurus: the Tabs' defaultValue, else the TabItem marked `default`, else the first tab.
  const wanted =
    typeof attrs.defaultValue === 'string'
      ? items.findIndex((i) => attributes(i).value === attrs.defaultValue)
      : items.findIndex((i) => attributes(i).default === true);
  const defaultIdx = wanted >= 0 ? wanted : 0;
  const panels = items.map((item, i) => tabPanel(item, labels, i === defaultIdx));
  const props: Record<string, unknown> = { className: ['tabs'] };
  if (typeof attrs.groupId === 'string' && attrs.groupId) props.dataGroupId = attrs.groupId;
  return [element('div', props, panels)];
}

/** A URL written as a string literal, `useBaseUrl('...')`, `require('...')` or `require('...').default`. */
export function urlOf(v: Estree | undefined | null): string | null {
  if (!v) return null;
  if (v.type === 'MemberExpression' && (v.property as Estree).type === 'Identifier' && (v.property as Estree).name === 'default') return urlOf(v.object as Estree);
  if (v.type === 'Literal' && typeof v.value === 'string') return v.value;
  if (v.type === 'TemplateLiteral' && (v.expressions as unknown[]).length === 0) {
    return (v.quasis as { value: { cooked: string } }[])[0]?.value.cooked ?? null;
  }
  if (v.type === 'CallExpression') {
    const callee = v.callee as Estree;
    const args = v.arguments as Estree[];
    if (callee.type === 'Identifier' && (callee.name === 'useBaseUrl' || callee.name === 'require') && args.length >= 1) return urlOf(args[0]);
  }
  return null;
}

function propertyValue(obj: Estree, key: string): Estree | undefined {
  for (const p of (obj.properties as Estree[] | undefined) ?? []) {
    if (p.type !== 'Property') continue;
    const k = p.key as Estree;
    if ((k.type === 'Identifier' ? k.name : k.value) === key) return p.value as Estree;
  }
  return undefined;
}

export function themedImage(node: MdNode): MdNode[] {
  const sources = expressionAttribute(node, 'sources');
  if (sources?.type !== 'ObjectExpression') return [];
  const alt = attributes(node).alt;
  const images: MdNode[] = [];
  for (const theme of ['light', 'dark'] as const) {
    const url = urlOf(propertyValue(sources, theme));
    if (url) images.push({ type: 'image', url, alt: typeof alt === 'string' ? alt : '', title: null, data: { hProperties: { className: [`only-${theme}`] } } });
  }
  if (!images.length) return [];
  return node.type === 'mdxJsxFlowElement' ? [{ type: 'paragraph', children: images }] : images;
}
