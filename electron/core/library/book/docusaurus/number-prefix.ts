/**
 * Docusaurus' default number-prefix rule (plugin-content-docs): `01-intro` names the doc `intro` at position 1,
 * but date-like (`2024-01-notes`) and version-like (`1.1-basics`) prefixes are part of the name and kept.
 */

// Facts from Docusaurus' parser: a date-like or version-like start disables stripping.
const DATE_LIKE = /^((\d{2}|\d{4})[-_.]\d{2}([-_.](\d{2}|\d{4}))?)(.*)$/;
const VERSION_LIKE = /^(\d+[-_.]\d+)(.*)$/;
const PREFIX = /^(\d+)(\s*[-_.]+\s*)(.*)$/;

export interface NumberPrefixed {
  name: string;
  prefix: number | undefined;
}

/** `enabled: false` is the config's `numberPrefixParser: false`: every name is kept as written. */
export function parseNumberPrefix(name: string, enabled = true): NumberPrefixed {
  if (!enabled || DATE_LIKE.test(name) || VERSION_LIKE.test(name)) return { name, prefix: undefined };
  const m = PREFIX.exec(name);
  return m ? { name: m[3]!, prefix: parseInt(m[1]!, 10) } : { name, prefix: undefined };
}

/** Each `/`-separated segment without its number prefix. */
export function stripPathPrefixes(path: string, enabled = true): string {
  return path.split('/').map((seg) => parseNumberPrefix(seg, enabled).name).join('/');
}
