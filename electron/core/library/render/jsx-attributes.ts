/**
 * Reading MDX JSX attributes without evaluating anything: string and boolean-shorthand values, and the parsed
 * syntax tree (estree) of an expression value, from which only literals are taken.
 */
import type { MdNode } from './mdast-node.js';

export interface Estree {
  type: string;
  [k: string]: unknown;
}

/** String (and boolean-shorthand) attributes; expression-valued ones are skipped. */
export function attributes(node: MdNode): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (const a of (node.attributes as { type: string; name?: string; value?: unknown }[] | undefined) ?? []) {
    if (a.type !== 'mdxJsxAttribute' || !a.name) continue;
    if (a.value === null || a.value === undefined) out[a.name] = true;
    else if (typeof a.value === 'string') out[a.name] = a.value;
    // `warning={true}`: read the literal, never evaluate the expression.
    else if ((a.value as { value?: unknown }).value === 'true') out[a.name] = true;
  }
  return out;
}

export function expressionAttribute(node: MdNode, name: string): Estree | null {
  for (const a of (node.attributes as { type: string; name?: string; value?: unknown }[] | undefined) ?? []) {
    if (a.type === 'mdxJsxAttribute' && a.name === name && a.value && typeof a.value === 'object') {
      const program = (a.value as { data?: { estree?: { body?: Estree[] } } }).data?.estree;
      const stmt = program?.body?.[0];
      return stmt && stmt.type === 'ExpressionStatement' ? (stmt.expression as Estree) : null;
    }
  }
  return null;
}

/** Literal value of an object-expression property, when it is a plain string/boolean/template without ${}. */
export function literalProp(obj: Estree, key: string): string | boolean | undefined {
  for (const p of (obj.properties as Estree[] | undefined) ?? []) {
    if (p.type !== 'Property') continue;
    const k = p.key as Estree;
    const name = k.type === 'Identifier' ? k.name : k.type === 'Literal' ? k.value : undefined;
    if (name !== key) continue;
    const v = p.value as Estree;
    if (v.type === 'Literal' && (typeof v.value === 'string' || typeof v.value === 'boolean')) return v.value;
    if (v.type === 'TemplateLiteral' && (v.expressions as unknown[]).length === 0) {
      return ((v.quasis as { value: { cooked: string } }[])[0]?.value.cooked ?? '') as string;
    }
  }
  return undefined;
}
