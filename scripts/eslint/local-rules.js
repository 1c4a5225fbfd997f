// @ts-check
/**
 * The project's own lint rules (eslint.config.js):
 * - `layers`: which layer may import which, by resolved path for relative imports and by name for packages, with
 *   type-only imports (`import type`, `export type`, `typeof import()`) allowed where a layer may see only types.
 * - `relative-import-extension`: every relative import of a TS module ends in `.js`, the one spelling that Node ESM,
 *   tsc (moduleResolution Bundler), Vite, vitest and tsx all resolve to the `.ts`/`.tsx` file. Fixable.
 */
import { existsSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const builtins = new Set(builtinModules);

/** @param {string} s */
const isRelative = (s) => s === '.' || s === '..' || s.startsWith('./') || s.startsWith('../');

/** The `{ node, value, typeOnly }` of every module specifier a node carries, or null. */
function sourceOf(node) {
  switch (node.type) {
    case 'ImportDeclaration':
      return {
        literal: node.source,
        typeOnly:
          node.importKind === 'type' ||
          (node.specifiers.length > 0 && node.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type')),
      };
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration':
      if (!node.source) return null;
      return {
        literal: node.source,
        typeOnly:
          node.exportKind === 'type' ||
          (node.type === 'ExportNamedDeclaration' && node.specifiers.length > 0 && node.specifiers.every((s) => s.exportKind === 'type')),
      };
    case 'ImportExpression':
      return node.source.type === 'Literal' ? { literal: node.source, typeOnly: false } : null;
    case 'TSImportType': {
      const literal = node.argument?.literal ?? node.source;
      return literal?.type === 'Literal' ? { literal, typeOnly: true } : null;
    }
    default:
      return null;
  }
}

/** @param {(node: any, source: {literal: any, typeOnly: boolean}) => void} check */
function visitSources(check) {
  const visit = (node) => {
    const source = sourceOf(node);
    if (source && typeof source.literal.value === 'string') check(node, source);
  };
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression: visit,
    TSImportType: visit,
  };
}

/** Repo-relative path ('electron/core/contract.js') or package name ('react-dom', 'node:fs'); builtins as 'node:x'. */
function target(file, specifier) {
  if (isRelative(specifier)) return { kind: 'path', id: relative(root, resolve(dirname(file), specifier)).split(sep).join('/') };
  if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0])) return { kind: 'builtin', id: specifier };
  const parts = specifier.split('/');
  return { kind: 'package', id: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] };
}

/** Does rule `match` cover target `t`? `<node>` = every Node builtin; 'x/' = a folder; otherwise a path or name. */
function matches(match, t) {
  if (match === '<node>') return t.kind === 'builtin';
  if (t.kind === 'builtin') return false;
  if (match.endsWith('/')) return t.kind === 'path' && t.id.startsWith(match);
  if (t.kind === 'package') return t.id === match;
  // A module path matches with or without its extension.
  return t.id === match || t.id.replace(/\.(js|ts|tsx)$/, '') === match.replace(/\.(js|ts|tsx)$/, '');
}

const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'Which layer may import which (design.md "The house").' },
    schema: [
      {
        type: 'object',
        properties: {
          layer: { type: 'string' },
          rules: {
            type: 'array',
            items: {
              type: 'object',
              properties: { match: { type: 'string' }, allow: { enum: ['all', 'types', 'none'] } },
              required: ['match', 'allow'],
              additionalProperties: false,
            },
          },
          otherwise: { enum: ['all', 'types', 'none'] },
        },
        required: ['layer', 'rules'],
        additionalProperties: false,
      },
    ],
    messages: {
      none: '{{layer}} must not import "{{id}}".',
      types: '{{layer}} may import "{{id}}" only as `import type`.',
    },
  },
  create(context) {
    const { layer, rules, otherwise = 'all' } = context.options[0];
    return visitSources((node, { literal, typeOnly }) => {
      const t = target(context.filename, literal.value);
      const allow = rules.find((r) => matches(r.match, t))?.allow ?? otherwise;
      if (allow === 'all' || (allow === 'types' && typeOnly)) return;
      context.report({ node: literal, messageId: allow, data: { layer, id: t.id } });
    });
  },
};

const assetExtension = /\.(js|mjs|cjs|json|css|svg|png|jpe?g|webp|html|wasm|txt|node)$/;

const relativeImportExtension = {
  meta: {
    type: 'suggestion',
    fixable: 'code',
    docs: { description: 'Relative imports of TS modules end in .js.' },
    schema: [],
    messages: {
      missing: 'Relative import "{{specifier}}" needs an explicit ".js" ending (the built/resolved name of the module).',
      tsExtension: 'Import "{{specifier}}" by its ".js" name, not its TypeScript file name.',
    },
  },
  create(context) {
    return visitSources((_node, { literal }) => {
      const specifier = literal.value;
      if (!isRelative(specifier) || assetExtension.test(specifier)) return;
      const quote = context.sourceCode.getText(literal)[0];
      const replace = (next) => (fixer) => fixer.replaceText(literal, quote + next + quote);
      if (/\.(ts|tsx|mts)$/.test(specifier)) {
        context.report({ node: literal, messageId: 'tsExtension', data: { specifier }, fix: replace(specifier.replace(/\.(ts|tsx|mts)$/, '.js')) });
        return;
      }
      const base = resolve(dirname(context.filename), specifier);
      const isFile = (p) => existsSync(p) && statSync(p).isFile();
      let next;
      if (['.ts', '.tsx', '.js'].some((e) => isFile(base + e))) next = `${specifier}.js`;
      else if (['index.ts', 'index.tsx', 'index.js'].some((f) => isFile(resolve(base, f)))) next = `${specifier.replace(/\/$/, '')}/index.js`;
      context.report({ node: literal, messageId: 'missing', data: { specifier }, fix: next ? replace(next) : null });
    });
  },
};

export default { meta: { name: 'local' }, rules: { layers, 'relative-import-extension': relativeImportExtension } };
