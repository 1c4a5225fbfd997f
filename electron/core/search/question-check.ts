/** Friendly messages for questions search cannot sensibly answer; null when the question is fine. */
export const MAX_QUESTION_CHARS = 500;

export function validateQuestion(question: string): string | null {
  const q = question.trim();
  if (!q) return 'Type a question about the book first.';
  if (q.length > MAX_QUESTION_CHARS) return `That question is too long (${q.length} characters); keep it under ${MAX_QUESTION_CHARS}.`;
  const words = q.match(/\p{L}{2,}/gu) ?? [];
  if (words.length === 0) return 'That does not look like a question: use words, not just symbols or numbers.';
  return null;
}
