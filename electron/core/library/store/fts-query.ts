/**
 * User text -> a safe FTS5 query. Each word becomes a quoted string (so `AND`, `NEAR`, `*`, `:` and quotes typed
 * by the user are just text); words are ANDed and the last one may be a prefix, so results follow the typing.
 */
export function ftsTerms(query: string): string[] {
  const words = query.normalize('NFKC').match(/[\p{L}\p{N}_]+/gu) ?? [];
  return [...new Set(words.map((w) => w.toLowerCase()))].slice(0, 12);
}

export function ftsMatchExpression(terms: string[]): string | null {
  if (terms.length === 0) return null;
  return terms.map((t, i) => `"${t.replace(/"/g, '""')}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
}

// Private-use characters mark the match boundaries inside snippet(); they cannot come from HTML escaping.
export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';

/** Text -> HTML text and attribute-safe. */
export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Snippet from FTS5 with boundary markers -> escaped HTML with <mark> around matches. */
export function snippetToHtml(snippet: string): string {
  return escapeHtml(snippet.replace(/\s+/g, ' ')).replaceAll(MARK_OPEN, '<mark>').replaceAll(MARK_CLOSE, '</mark>');
}
