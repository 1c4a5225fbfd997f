/**
 * "Ask the book": a question goes to the local index (no network); the extractive answer comes first, each
 * sentence citing its section, then the passages. Every citation opens the chapter scrolled to the passage,
 * highlighted. When signed in, an answer generated online from the same passages (OnlineAnswer) sits between the two.
 * Questions are kept in threads: the current one's earlier turns show above the latest answer, the book's other
 * threads below; the last thread reopens with the panel.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { AskCitationRecord, AskPassage, AskResult, IndexStatus } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';
import type { PanelProps } from '../panels/book-context.js';
import { onQuestion, takeOpenThread, takeQuestion } from './ask-bus.js';
import './ask.css';
import { OnlineAnswer } from '../account/OnlineAnswer.js';
import { ThreadList } from './ThreadList.js';
import { ThreadTurns } from './ThreadTurns.js';
import { useAskThread } from './use-ask-thread.js';

const MAX_CHARS = 500;

function IndexNotice({ status }: { status: IndexStatus | null }) {
  if (!status || status.state === 'ready') return null;
  if (status.state === 'indexing') {
    const pct = status.total > 0 ? Math.round((100 * status.done) / status.total) : 0;
    return (
      <div className="ask-index" data-testid="ask-index-progress">
        <label htmlFor="ask-index-bar">Preparing this book for questions… {pct}%</label>
        <progress id="ask-index-bar" max={100} value={pct} />
      </div>
    );
  }
  return (
    <p className="hint" data-testid="ask-index-status">
      {status.message ?? 'This book is not indexed yet; it will be prepared when you ask.'}
    </p>
  );
}

/** Where a question goes: a given thread (asked again), or a new thread about a highlight, else the current one. */
interface Aim {
  threadId?: string;
  annotationId?: string;
}

export function AskPanel({ book }: PanelProps) {
  const [question, setQuestion] = useState('');
  const [result, setResult] = useState<AskResult | null>(null);
  const [asked, setAsked] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<IndexStatus | null>(null);
  const [thisChapter, setThisChapter] = useState(false);
  const conversation = useAskThread(book.bookId, book.onError);
  // When the latest question was sent: turns kept before it are the conversation so far, the rest is shown live.
  const [liveSince, setLiveSince] = useState<string | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  // A question asked while the book was still being indexed is asked again once the index is ready.
  // It keeps the thread (and highlight) it was asked about, so the second asking lands in the same place.
  const waiting = useRef<{ q: string; about: Aim } | null>(null);
  const askRef = useRef<(q: string, about: Aim) => Promise<void>>(async () => {});

  useEffect(() => {
    let live = true;
    reader.indexStatus({ bookId: book.bookId }).then((s) => live && setStatus(s), book.onError);
    const off = reader.on('indexProgress', (s) => {
      if (s.bookId !== book.bookId) return;
      setStatus(s);
      const w = waiting.current;
      if (s.state === 'ready' && w) {
        waiting.current = null;
        void askRef.current(w.q, w.about);
      }
    });
    return () => {
      live = false;
      off();
    };
  }, [book.bookId, book.onError]);

  // Only the latest question's answer is shown: one asked again when the index is ready may overtake the first.
  const asks = useRef(0);
  const ask = useCallback(
    async (q: string, aim: Aim = {}) => {
      const seq = ++asks.current;
      // A question about a highlight starts its own thread, tied to the highlight (unless asked again into it).
      const threadId = aim.threadId ?? (aim.annotationId ? conversation.startNew() : conversation.currentId());
      const about = aim.annotationId ? { annotationId: aim.annotationId } : {};
      conversation.keep();
      setLiveSince(new Date().toISOString());
      setBusy(true);
      // Waiting from the start: the index may become ready while this question is out, and its ready event is
      // what asks it again. Set only after the answer, that event could come first and the question be dropped.
      const mine = { q, about: { ...about, threadId } };
      waiting.current = mine;
      try {
        const chapterId = thisChapter && book.chapter ? book.chapter.id : undefined;
        const r = await reader.ask({ bookId: book.bookId, question: q, k: 5, chapterId, threadId, ...about });
        if (seq !== asks.current) return;
        setAsked(q);
        setResult(r);
        const s = await reader.indexStatus({ bookId: book.bookId });
        if (seq !== asks.current) return;
        setStatus(s);
        if (waiting.current === mine && !(r.passages.length === 0 && s.state === 'indexing')) waiting.current = null;
        book.announce(r.message ?? `${r.passages.length} passages found`);
      } catch (err) {
        if (waiting.current === mine) waiting.current = null;
        book.onError(err);
      } finally {
        if (seq === asks.current) setBusy(false);
      }
    },
    [book, thisChapter, conversation],
  );
  askRef.current = ask;

  // A question sent from a text selection: fill it in and ask right away.
  useEffect(() => {
    const take = () => {
      const thread = takeOpenThread();
      if (thread) openThread(thread);
      const q = takeQuestion();
      if (q) {
        setQuestion(q.question);
        void ask(q.question, q.annotationId ? { annotationId: q.annotationId } : {});
      }
    };
    take();
    return onQuestion(take);
  }, [ask]);

  function submit(event: FormEvent) {
    event.preventDefault();
    void ask(question);
  }

  const open = (p: AskPassage) => book.goTo(p.chapterId, { kind: 'passage', anchor: p.anchor, text: p.text });
  const openCited = (c: AskCitationRecord) => {
    if (c.anchor?.chapterId) book.goTo(c.anchor.chapterId, { kind: 'passage', anchor: c.anchor.sectionAnchor, text: c.anchor.exact });
  };

  const leaveLive = () => {
    asks.current++;
    waiting.current = null;
    setResult(null);
    setLiveSince(null);
    setBusy(false);
  };
  function newConversation(announce = true) {
    leaveLive();
    conversation.startNew();
    setQuestion('');
    if (announce) book.announce('New conversation');
    inputRef.current?.focus();
  }
  function openThread(threadId: string) {
    leaveLive();
    conversation.select(threadId);
    inputRef.current?.focus();
  }
  const earlier = (conversation.thread?.messages ?? []).filter((m) => liveSince === null || m.createdAt < liveSince);

  return (
    <div className="panel ask-panel" data-testid="ask-panel">
      <h2>Ask the book</h2>
      <div className="field-row ask-thread-bar">
        <span className="ask-thread-title" data-testid="ask-thread-title">
          {conversation.thread ? conversation.thread.title : 'New conversation'}
        </span>
        <button type="button" onClick={() => newConversation()} data-testid="ask-new-thread">
          New conversation
        </button>
      </div>
      <ThreadTurns messages={earlier} onOpen={openCited} />
      <form onSubmit={submit}>
        <label htmlFor="ask-input" className="visually-hidden">
          Your question
        </label>
        <textarea
          id="ask-input"
          ref={inputRef}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) submit(e);
          }}
          placeholder="e.g. How does a PID controller correct errors?"
          rows={3}
          maxLength={MAX_CHARS + 100}
          data-autofocus
          data-testid="ask-input"
        />
        <div className="field-row">
          <label className="ask-scope">
            <input type="checkbox" checked={thisChapter} onChange={(e) => setThisChapter(e.target.checked)} disabled={!book.chapter} />
            Only this chapter
          </label>
          <button type="submit" disabled={busy} data-testid="ask-submit">
            {busy ? 'Searching…' : 'Ask'}
          </button>
        </div>
      </form>
      <IndexNotice status={status} />

      {result?.message && (
        <p className="ask-message" role="status" data-testid="ask-message">
          {result.message}
        </p>
      )}

      {result?.answer && (
        <section className="ask-answer" aria-label="Answer from the book" data-testid="ask-answer">
          <h3>From the book</h3>
          <p>
            {result.answer.sentences.map((s, i) => (
              <span key={i} className="ask-sentence">
                {s.text}{' '}
                <button
                  type="button"
                  className="ask-cite"
                  onClick={() => open(result.passages[s.citation.passage]!)}
                  aria-label={`Source: ${s.citation.chapterTitle}, ${s.citation.heading}`}
                  data-testid="ask-citation"
                >
                  [{s.citation.passage + 1}]
                </button>{' '}
              </span>
            ))}
          </p>
        </section>
      )}

      {/* Online answer: generated from result.passages when signed in, below the book's own words. */}
      {result && (
        <OnlineAnswer
          question={asked}
          passages={result.passages}
          onOpen={(i) => open(result.passages[i]!)}
          {...(result.threadId ? { thread: { bookId: book.bookId, threadId: result.threadId } } : {})}
        />
      )}

      {result && result.passages.length > 0 && (
        <section aria-label="Passages">
          <h3>Passages</h3>
          <ol className="result-list ask-passages">
            {result.passages.map((p, i) => (
              <li key={`${p.chapterId}#${p.anchor}#${i}`}>
                <button type="button" className="result" onClick={() => open(p)} data-testid="ask-passage">
                  <span className="result-title">
                    [{i + 1}] {p.chapterTitle}
                    {p.heading && p.heading !== p.chapterTitle ? ` › ${p.heading}` : ''}
                  </span>
                  <span className="result-snippet">{p.text.length > 280 ? `${p.text.slice(0, 280)}…` : p.text}</span>
                </button>
              </li>
            ))}
          </ol>
        </section>
      )}

      <ThreadList
        bookId={book.bookId}
        currentId={conversation.threadId}
        onOpen={openThread}
        onDeleted={(id) => {
          if (id === conversation.currentId()) newConversation(false);
        }}
        announce={book.announce}
        onError={book.onError}
      />
    </div>
  );
}
