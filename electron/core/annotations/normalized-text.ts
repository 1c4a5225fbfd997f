/**
 * A text with every run of whitespace collapsed to one space, and the way back to offsets in the original. Quotes
 * are compared in this form, so a re-wrapped paragraph or a word made bold (which changes the spacing of the
 * extracted text, never the words) still matches.
 */
export interface NormalizedText {
  text: string;
  /** `toOriginal[i]`: offset in the original text of normalized offset i (one more entry for the end). */
  toOriginal: Int32Array;
}

export function normalizeWhitespace(original: string): NormalizedText {
  const toOriginal = new Int32Array(original.length + 1);
  let out = '';
  let n = 0;
  let inSpace = false;
  for (let i = 0; i < original.length; i++) {
    const c = original[i]!;
    const code = original.charCodeAt(i);
    // ASCII decided by code (most characters); other characters by the regex's notion of whitespace.
    if (code < 128 ? code === 32 || (code >= 9 && code <= 13) : /\s/.test(c)) {
      if (inSpace) continue;
      inSpace = true;
      out += ' ';
    } else {
      inSpace = false;
      out += c;
    }
    toOriginal[n++] = i;
  }
  toOriginal[n] = original.length;
  return { text: out, toOriginal: toOriginal.subarray(0, n + 1) };
}

/** Collapses whitespace in a short string (a quote, prefix or suffix) the same way. */
export const collapseWhitespace = (s: string): string => s.replace(/\s+/g, ' ');
