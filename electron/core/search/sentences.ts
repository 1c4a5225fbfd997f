/** Sentence splitting for chunk boundaries and extractive answers: punctuation + capital, sparing common abbreviations. */
const ABBREVIATIONS = /(?:\b(?:e\.g|i\.e|etc|vs|cf|Fig|Eq|Sec|Dr|Mr|Ms|No|approx)\.|\b[A-Z]\.)$/;

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  // Candidate boundaries: ., ! or ? (optionally followed by a closing quote/bracket), whitespace, then an opener.
  const re = /([.!?]["')\]]?)\s+(?=["'(\[]?[A-Z0-9])/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[1]!.length;
    const candidate = text.slice(start, end);
    if (ABBREVIATIONS.test(candidate)) continue;
    out.push(candidate.trim());
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter((s) => s.length > 0);
}

export function countWords(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/)) if (w) n++;
  return n;
}
