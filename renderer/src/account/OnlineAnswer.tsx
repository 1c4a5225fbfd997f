/**
 * The Ask panel's online answer: when signed in, the question and the passages the local index found go to the
 * service, and the answer streams in with [n] citations that open the passages. Offline or on error it says so in
 * one line and the extractive answer above stands alone.
 */
import { Fragment, useEffect } from 'react';
import type { AskPassage } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';
import { useAccount } from './useAccount.js';
import { describeError, useJob } from './useJob.js';
import './account.css';

interface Props {
  question: string;
  /** The passages the local index found, in the order the extractive answer cites them. */
  passages: AskPassage[];
  /** Opens passage `index` (0-based), as the extractive answer's citations do. */
  onOpen(index: number): void;
  /** The ask thread the question belongs to: the answer is kept there, and its earlier turns go with the question. */
  thread?: { bookId: string; threadId: string };
}

const MAX_PASSAGE_CHARS = 4000;

export function OnlineAnswer({ question, passages, onOpen, thread }: Props) {
  const { account } = useAccount();
  const { state, start } = useJob();
  const signedIn = Boolean(account?.profile);

  const bookId = thread?.bookId;
  const threadId = thread?.threadId;
  useEffect(() => {
    if (!signedIn || !question.trim() || passages.length === 0) return;
    const sent = passages.slice(0, 12);
    void start((jobId) =>
      reader.askOnline({
        jobId,
        question: question.trim().slice(0, 2000),
        passages: sent.map((p, i) => ({
          id: `p${i + 1}`,
          title: (p.heading && p.heading !== p.chapterTitle ? `${p.chapterTitle} › ${p.heading}` : p.chapterTitle).slice(0, 300),
          text: p.text.slice(0, MAX_PASSAGE_CHARS),
        })),
        ...(bookId && threadId
          ? { thread: { bookId, threadId }, passageSources: sent.map((p) => ({ chapterId: p.chapterId, anchor: p.anchor.slice(0, 200) })) }
          : {}),
      }),
    );
  }, [signedIn, question, passages, start, bookId, threadId]);

  if (!signedIn || state.status === 'idle') return null;
  if (state.status === 'error' && !state.text) {
    return (
      <p className="hint" data-testid="online-answer-unavailable" data-kind={state.error.code}>
        No online answer: {describeError(state.error)}
      </p>
    );
  }

  // "[2]" in the text becomes a button to passage 2, when such a passage was sent.
  const pieces = state.text.split(/(\[\d{1,2}\])/g);
  return (
    <section className="online-answer" aria-label="Generated answer" aria-busy={state.status === 'streaming'} data-testid="online-answer" data-state={state.status}>
      <h3>Generated for you</h3>
      <p>
        {pieces.map((piece, i) => {
          const n = /^\[(\d{1,2})\]$/.exec(piece)?.[1];
          const index = n ? Number(n) - 1 : -1;
          if (index >= 0 && index < passages.length) {
            return (
              <button key={i} type="button" className="ask-cite" onClick={() => onOpen(index)} aria-label={`Source ${index + 1}: ${passages[index]!.chapterTitle}`} data-testid="online-citation">
                {piece}
              </button>
            );
          }
          return <Fragment key={i}>{piece}</Fragment>;
        })}
      </p>
      {state.status === 'error' && (
        <p className="hint" data-testid="online-answer-unavailable" data-kind={state.error.code}>
          The answer stopped early: {describeError(state.error)}
        </p>
      )}
      <p className="hint">Written by a language model from the passages below; the citations show where to check it.</p>
    </section>
  );
}
