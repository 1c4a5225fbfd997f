/**
 * Reads the value a Docusaurus config or sidebars file exports WITHOUT running it: @babel/parser turns the source
 * into a syntax tree and a small evaluator folds the parts that are plain data (object and array literals,
 * strings, numbers, `as`/`satisfies`, spreads of local constants, `require` of a JSON file). Anything computed
 * (calls, imports of code, conditionals) becomes an Unknown that says why, so a reader of the value can fall back
 * for that field alone. Sizes, nesting and work are bounded: a hostile file gives an error, never a hang.
 */
import { parse } from '@babel/parser';
import type { Expression, Node, Statement } from '@babel/types';

export class Unknown {
  constructor(readonly reason: string) {}
}

export type StaticValue = string | number | boolean | null | Unknown | StaticValue[] | { [key: string]: StaticValue };
export type StaticObject = { [key: string]: StaticValue };

/** Larger files are not config files. */
export const MAX_SOURCE_CHARS = 2_000_000;
const MAX_DEPTH = 200;
const MAX_STEPS = 500_000;

export interface EvalOptions {
  /** Value of `require('<spec>')` / `import x from '<spec>'` when the spec names a JSON file we may read; else undefined. */
  readJson?: (spec: string) => unknown;
}

export type EvalResult = { ok: true; value: StaticValue } | { ok: false; reason: string };

class Refused extends Error {}

type FunctionNode = Extract<Node, { type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression' }>;
type Binding = { node: Expression | FunctionNode; scope: Scope } | { value: StaticValue };
type Scope = { vars: Map<string, Binding>; parent: Scope | null };

const isFunction = (n: Node): n is FunctionNode => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';

export const isObject = (v: StaticValue | undefined): v is StaticObject => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);

/** JSON-like data (from a JSON file) as a StaticValue; functions and other oddities become Unknown. */
export function fromData(v: unknown, depth = 0): StaticValue {
  if (depth > MAX_DEPTH) throw new Refused('data nested too deeply');
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : new Unknown('not a finite number');
  if (Array.isArray(v)) return v.map((x) => fromData(x, depth + 1));
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromData(x, depth + 1)]));
  return new Unknown(`a ${typeof v} value`);
}

/** The value the module exports (`module.exports =`, `export default`, `export =`); a simple function is "called". */
export function evaluateModule(src: string, opts: EvalOptions = {}): EvalResult {
  if (src.length > MAX_SOURCE_CHARS) return { ok: false, reason: `the file is larger than ${MAX_SOURCE_CHARS} characters` };
  let program: Statement[];
  try {
    program = parse(src, { sourceType: 'unambiguous', plugins: ['typescript', 'jsx'], allowReturnOutsideFunction: true, errorRecovery: false }).program.body;
  } catch (err) {
    const message = err instanceof RangeError ? 'it is nested too deeply to parse' : (err as Error).message;
    return { ok: false, reason: `it does not parse (${message})` };
  }
  const ev = new Evaluator(opts);
  try {
    const top: Scope = { vars: new Map(), parent: null };
    const exported = ev.declare(program, top);
    if (!exported) return { ok: false, reason: 'it exports nothing we can read (no `module.exports =` or `export default`)' };
    return { ok: true, value: ev.valueOf(exported, top, 0, true) };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, reason: err.message };
    if (err instanceof RangeError) return { ok: false, reason: 'it is nested too deeply to read' };
    throw err;
  }
}

class Evaluator {
  private steps = 0;
  private resolving = new Set<Binding>();

  constructor(private opts: EvalOptions) {}

  /** Records the declarations of a statement list in `scope`; returns the exported (or returned) expression. */
  declare(body: Statement[], scope: Scope): Expression | FunctionNode | null {
    let exported: Expression | FunctionNode | null = null;
    for (const st of body) {
      const s = st.type === 'ExportNamedDeclaration' && st.declaration ? st.declaration : st;
      if (s.type === 'VariableDeclaration') {
        for (const d of s.declarations) if (d.id.type === 'Identifier' && d.init) scope.vars.set(d.id.name, { node: d.init, scope });
      } else if (s.type === 'FunctionDeclaration' && s.id) {
        scope.vars.set(s.id.name, { node: s, scope });
      } else if (s.type === 'ImportDeclaration') {
        const def = s.specifiers.find((sp) => sp.type === 'ImportDefaultSpecifier');
        if (def) scope.vars.set(def.local.name, { value: this.required(s.source.value) });
      } else if (s.type === 'ExportDefaultDeclaration') {
        const d = s.declaration;
        if (d.type === 'FunctionDeclaration' || isExpressionLike(d)) exported = d as Expression | FunctionNode;
      } else if (s.type === 'TSExportAssignment') {
        exported = s.expression;
      } else if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression' && s.expression.operator === '=') {
        const left = s.expression.left;
        if (left.type === 'MemberExpression' && left.object.type === 'Identifier' && left.object.name === 'module' && left.property.type === 'Identifier' && left.property.name === 'exports') {
          exported = s.expression.right;
        }
      } else if (s.type === 'ReturnStatement' && s.argument && !exported) {
        exported = s.argument;
      }
    }
    return exported;
  }

  /** `call`: a function found here is called with no arguments (a config written as `async function () {...}`). */
  valueOf(node: Expression | FunctionNode, scope: Scope, depth: number, call = false): StaticValue {
    if (++this.steps > MAX_STEPS) throw new Refused('it is too large to read');
    if (depth > MAX_DEPTH) throw new Refused('it is nested too deeply to read');
    if (isFunction(node)) return call ? this.call(node, scope, depth) : new Unknown('a function');
    switch (node.type) {
      case 'StringLiteral':
        return node.value;
      case 'NumericLiteral':
        return node.value;
      case 'BooleanLiteral':
        return node.value;
      case 'NullLiteral':
        return null;
      case 'TemplateLiteral': {
        let out = node.quasis[0]?.value.cooked ?? '';
        for (let i = 0; i < node.expressions.length; i++) {
          const part = node.expressions[i]!;
          const v = part.type.startsWith('TS') && !isExpressionLike(part) ? new Unknown('a type') : this.valueOf(part as Expression, scope, depth + 1);
          if (typeof v !== 'string' && typeof v !== 'number') return new Unknown('a template string with computed parts');
          out += String(v) + (node.quasis[i + 1]?.value.cooked ?? '');
        }
        return out;
      }
      case 'UnaryExpression': {
        const v = this.valueOf(node.argument, scope, depth + 1);
        if (node.operator === '-' && typeof v === 'number') return -v;
        if (node.operator === '+' && typeof v === 'number') return v;
        if (node.operator === '!' && typeof v === 'boolean') return !v;
        return new Unknown(`the ${node.operator} operator`);
      }
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'ParenthesizedExpression':
        return this.valueOf(node.expression, scope, depth + 1, call);
      case 'AwaitExpression':
        return node.argument ? this.valueOf(node.argument, scope, depth + 1, call) : null;
      case 'Identifier':
        return this.lookup(node.name, scope, depth, call);
      case 'ArrayExpression': {
        const out: StaticValue[] = [];
        for (const el of node.elements) {
          if (!el) continue;
          if (el.type === 'SpreadElement') {
            const v = this.valueOf(el.argument, scope, depth + 1);
            if (Array.isArray(v)) out.push(...v);
            else out.push(v instanceof Unknown ? v : new Unknown('a spread of something that is not a list'));
          } else out.push(this.valueOf(el, scope, depth + 1));
        }
        return out;
      }
      case 'ObjectExpression': {
        const out: StaticObject = {};
        for (const p of node.properties) {
          if (p.type === 'SpreadElement') {
            const v = this.valueOf(p.argument, scope, depth + 1);
            if (isObject(v)) Object.assign(out, v);
            continue;
          }
          const key = propertyKey(p.key, p.computed);
          if (key === null) continue;
          if (p.type === 'ObjectMethod') out[key] = new Unknown('a function');
          else out[key] = isExpressionLike(p.value) ? this.valueOf(p.value as Expression, scope, depth + 1) : new Unknown('a pattern');
        }
        return out;
      }
      case 'MemberExpression': {
        const obj = this.valueOf(node.object as Expression, scope, depth + 1);
        const key = propertyKey(node.property, node.computed);
        if (key === null) return new Unknown('a computed property');
        if (isObject(obj)) return Object.hasOwn(obj, key) ? obj[key]! : new Unknown(`a missing property ${key}`);
        if (Array.isArray(obj) && /^\d+$/.test(key)) return obj[Number(key)] ?? new Unknown('an index out of range');
        return obj instanceof Unknown ? obj : new Unknown(`property ${key} of a plain value`);
      }
      case 'CallExpression': {
        const arg = node.arguments[0];
        const spec = node.arguments.length === 1 && arg?.type === 'StringLiteral' ? arg.value : null;
        const callee = node.callee;
        if (spec !== null && callee.type === 'Identifier' && callee.name === 'require') return this.required(spec);
        // `require.resolve('./sidebars.js')`: the path itself is what the config means.
        if (spec !== null && callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'require' && propertyKey(callee.property, callee.computed) === 'resolve') return spec;
        return new Unknown(`a function call (${describeCallee(callee)})`);
      }
      default:
        return new Unknown(`a ${node.type}`);
    }
  }

  private lookup(name: string, scope: Scope, depth: number, call: boolean): StaticValue {
    if (name === 'undefined') return new Unknown('undefined');
    for (let s: Scope | null = scope; s; s = s.parent) {
      const b = s.vars.get(name);
      if (!b) continue;
      if ('value' in b) return b.value;
      if (this.resolving.has(b)) return new Unknown(`${name} refers to itself`);
      this.resolving.add(b);
      try {
        return this.valueOf(b.node, b.scope, depth + 1, call);
      } finally {
        this.resolving.delete(b);
      }
    }
    return new Unknown(`${name} is defined elsewhere`);
  }

  private call(fn: FunctionNode, scope: Scope, depth: number): StaticValue {
    if (fn.params.length > 0 && fn.params.some((p) => p.type !== 'AssignmentPattern' && p.type !== 'Identifier')) return new Unknown('a function with parameters');
    if (fn.body.type !== 'BlockStatement') return this.valueOf(fn.body, scope, depth + 1);
    const inner: Scope = { vars: new Map(), parent: scope };
    const returned = this.declare(fn.body.body.filter((s) => s.type === 'VariableDeclaration' || s.type === 'ReturnStatement' || s.type === 'FunctionDeclaration'), inner);
    return returned ? this.valueOf(returned, inner, depth + 1) : new Unknown('a function that returns nothing we can read');
  }

  private required(spec: string): StaticValue {
    const data = this.opts.readJson?.(spec);
    return data === undefined ? new Unknown(`require('${spec}') of code`) : fromData(data);
  }
}

function isExpressionLike(n: Node): boolean {
  return !/^(TS.*Declaration|ClassDeclaration|.*Pattern|RestElement)$/.test(n.type);
}

function propertyKey(key: Node, computed: boolean): string | null {
  if (key.type === 'Identifier' && !computed) return key.name;
  if (key.type === 'StringLiteral') return key.value;
  if (key.type === 'NumericLiteral') return String(key.value);
  return null;
}

function describeCallee(callee: Node): string {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') return `${describeCallee(callee.object)}.${callee.property.name}`;
  return 'an expression';
}
