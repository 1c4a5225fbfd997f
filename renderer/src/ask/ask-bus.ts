/**
 * Hands a question from the chapter ("Ask about this" on a selection or a highlight), or a thread to open, to the Ask
 * panel, whether or not the panel is open yet: the question waits here until the panel takes it. A question about a highlight carries
 * its id, so the panel starts a thread anchored to that highlight.
 */
const EVENT = 'reader:ask-question';

export interface QuestionRequest {
  question: string;
  /** The highlight the question is about ("Ask about this" on a highlight). */
  annotationId?: string;
}

let pending: QuestionRequest | null = null;

export function sendQuestion(question: string, from: { annotationId?: string } = {}): void {
  pending = { question, ...from };
  window.dispatchEvent(new Event(EVENT));
}

export function takeQuestion(): QuestionRequest | null {
  const q = pending;
  pending = null;
  return q;
}

let pendingThread: string | null = null;

/** Opens one kept thread in the Ask panel ("Open thread" on a highlight that has one). */
export function sendOpenThread(threadId: string): void {
  pendingThread = threadId;
  window.dispatchEvent(new Event(EVENT));
}

export function takeOpenThread(): string | null {
  const t = pendingThread;
  pendingThread = null;
  return t;
}

export function onQuestion(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
