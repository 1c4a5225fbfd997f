/**
 * Reads a JavaScript object/array literal (as found in Docusaurus `sidebars.js`/`sidebars.ts`) without executing
 * anything. Accepts strings ('', "", `` without ${}), numbers, booleans, null, identifiers or strings as keys,
 * comments and trailing commas. Anything else (a function call, a variable, a spread, nesting deeper than 64) makes
 * it give up: the caller then falls back to folder order.
 */
export type JsValue = string | number | boolean | null | JsValue[] | { [k: string]: JsValue };

class Unsupported extends Error {}

// Real sidebars nest a handful of levels; deeper input is refused before the recursion can exhaust the stack.
const MAX_DEPTH = 64;

export function parseJsLiteral(src: string, start: number): JsValue | undefined {
  let i = start;
  const fail = (): never => {
    throw new Unsupported(`unsupported syntax at ${i}`);
  };
  const skip = () => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i]!)) i++;
      if (src.startsWith('//', i)) i = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
      else if (src.startsWith('/*', i)) i = src.indexOf('*/', i) < 0 ? fail() : src.indexOf('*/', i) + 2;
      else return;
    }
  };
  const string = (): string => {
    const q = src[i]!;
    let out = '';
    i++;
    while (i < src.length && src[i] !== q) {
      if (q === '`' && src.startsWith('${', i)) fail();
      if (src[i] === '\\') {
        const n = src[i + 1];
        out += n === 'n' ? '\n' : n === 't' ? '\t' : (n ?? '');
        i += 2;
      } else out += src[i++];
    }
    if (src[i] !== q) fail();
    i++;
    return out;
  };
  const ident = (): string => {
    const m = /^[A-Za-z_$][\w$]*/.exec(src.slice(i, i + 200));
    if (!m) fail();
    i += m![0].length;
    return m![0];
  };
  const value = (depth: number): JsValue => {
    if (depth > MAX_DEPTH) fail();
    skip();
    const c = src[i];
    if (c === '{') {
      i++;
      const obj: { [k: string]: JsValue } = {};
      for (;;) {
        skip();
        if (src[i] === '}') {
          i++;
          return obj;
        }
        const key = src[i] === '"' || src[i] === "'" || src[i] === '`' ? string() : ident();
        skip();
        if (src[i] !== ':') fail();
        i++;
        obj[key] = value(depth + 1);
        skip();
        if (src[i] === ',') i++;
        else if (src[i] !== '}') fail();
      }
    }
    if (c === '[') {
      i++;
      const arr: JsValue[] = [];
      for (;;) {
        skip();
        if (src[i] === ']') {
          i++;
          return arr;
        }
        arr.push(value(depth + 1));
        skip();
        if (src[i] === ',') i++;
        else if (src[i] !== ']') fail();
      }
    }
    if (c === '"' || c === "'" || c === '`') return string();
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i, i + 50));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    const word = ident();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return fail();
  };
  try {
    return value(0);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/**
 * The sidebars object of a `sidebars.js`/`.ts` file: the literal after `module.exports =`, `export default`, or
 * `const sidebars(: Type)? =`. Undefined when there is none or it is not a plain literal.
 */
export function parseSidebarsFile(src: string): Record<string, JsValue> | undefined {
  const m = /(?:module\.exports\s*=|export\s+default|(?:const|let|var)\s+\w+\s*(?::\s*[\w.<>[\]]+)?\s*=)\s*(?=[{[])/.exec(src);
  if (!m) return undefined;
  const v = parseJsLiteral(src, m.index + m[0].length);
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}
