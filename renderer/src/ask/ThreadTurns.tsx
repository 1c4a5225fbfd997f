/**
 * The kept turns of an ask thread as a conversation: each question, its answer with [n] citations that open the
 * cited passage where it sits in the book now (the engine re-anchors them), and how it was answered and when.
 */
import { Fragment } from 'react';
import type { AskCitationRecord, AskMessage } from '../../../electron/core/contract.js';

interface Props {
  messages: AskMessage[];
  onOpen(citation: AskCitationRecord): void;
}

/** Whether a citation can still be followed (its passage was found in the book as it is now). */
export const canOpen = (c: AskCitationRecord) => Boolean(c.anchor && c.anchor.status !== 'orphan' && c.anchor.chapterId);

function describeTurn(m: AskMessage): string {
  const when = new Date(m.createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return m.mode === 'online' ? `Online answer${m.model ? ` (${m.model})` : ''} · ${when}` : `From the book, offline · ${when}`;
}

function Answer({ message, onOpen }: { message: AskMessage; onOpen(c: AskCitationRecord): void }) {
  if (!message.answer) return <p className="hint">No sentence of the book answered this; the passages found are kept below it.</p>;
  const byN = new Map(message.citations.map((c) => [c.n, c]));
  return (
    <p>
      {message.answer.split(/(\[\d{1,2}\])/g).map((piece, i) => {
        const n = Number(/^\[(\d{1,2})\]$/.exec(piece)?.[1]);
        const c = byN.get(n);
        if (!c) return <Fragment key={i}>{piece}</Fragment>;
        const where = `${c.chapterTitle}${c.heading && c.heading !== c.chapterTitle ? `, ${c.heading}` : ''}`;
        return (
          <button
            key={i}
            type="button"
            className="ask-cite"
            onClick={() => onOpen(c)}
            disabled={!canOpen(c)}
            aria-label={canOpen(c) ? `Source ${n}: ${where}` : `Source ${n}: ${where} (no longer in this edition of the book)`}
            data-testid="ask-turn-citation"
          >
            {piece}
          </button>
        );
      })}
    </p>
  );
}

export function ThreadTurns({ messages, onOpen }: Props) {
  if (messages.length === 0) return null;
  return (
    <ol className="ask-turns" aria-label="Earlier questions in this conversation" data-testid="ask-thread">
      {messages.map((m) => (
        <li key={m.id} className="ask-turn" data-testid="ask-turn" data-mode={m.mode}>
          <p className="ask-turn-question">
            <span className="visually-hidden">Question: </span>
            <span data-testid="ask-turn-question">{m.question}</span>
          </p>
          <div className="ask-turn-answer" data-testid="ask-turn-answer">
            <Answer message={m} onOpen={onOpen} />
          </div>
          <p className="ask-turn-meta hint">{describeTurn(m)}</p>
        </li>
      ))}
    </ol>
  );
}
