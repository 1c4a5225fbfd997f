/**
 * Hands a question from the chapter ("Ask about this" on a selection) to the Ask panel, whether or not the panel
 * is open yet: the question waits here until the panel takes it.
 */
const EVENT = 'reader:ask-question';
let pending: string | null = null;

export function sendQuestion(question: string): void {
  pending = question;
  window.dispatchEvent(new Event(EVENT));
}

export function takeQuestion(): string | null {
  const q = pending;
  pending = null;
  return q;
}

export function onQuestion(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
