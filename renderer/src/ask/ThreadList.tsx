/**
 * The book's earlier ask threads: search, open, rename in place, delete after a confirmation. Refreshed whenever
 * the engine says the book's threads changed.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { AskThreadSummary } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';

interface Props {
  bookId: string;
  currentId: string;
  onOpen(threadId: string): void;
  /** The thread is gone (the panel leaves it if it was the current one). */
  onDeleted(threadId: string): void;
  announce(message: string): void;
  onError(err: unknown): void;
}

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });

export function ThreadList({ bookId, currentId, onOpen, onDeleted, announce, onError }: Props) {
  const [query, setQuery] = useState('');
  const [threads, setThreads] = useState<AskThreadSummary[]>([]);
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  // After a rename or a kept delete, focus goes back to the thread's row (the buttons that had it are gone).
  const rows = useRef(new Map<string, HTMLButtonElement>());
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (!refocus) return;
    rows.current.get(refocus)?.focus();
    setRefocus(null);
  }, [refocus, threads]);
  // Asking to delete moves focus to the confirmation.
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const closeRename = (id: string) => {
    setRenaming(null);
    setRefocus(id);
  };

  const load = useCallback(() => {
    const mine = ++seq.current;
    const q = query.trim();
    reader.listAskThreads({ bookId, ...(q ? { query: q } : {}) }).then((list) => mine === seq.current && setThreads(list), onError);
  }, [bookId, query, onError]);

  useEffect(() => {
    load();
    return reader.on('askThreadsChanged', (e) => {
      if (e.bookId === bookId) load();
    });
  }, [bookId, load]);

  async function rename(event: FormEvent) {
    event.preventDefault();
    if (!renaming) return;
    const title = renaming.title.trim();
    if (!title) return;
    try {
      await reader.renameAskThread({ threadId: renaming.id, title });
      closeRename(renaming.id);
      announce(`Renamed to ${title}`);
    } catch (err) {
      onError(err);
    }
  }

  async function remove(t: AskThreadSummary) {
    try {
      await reader.deleteAskThread({ threadId: t.id });
      setConfirming(null);
      onDeleted(t.id);
      announce(`Deleted the conversation “${t.title}”`);
      searchRef.current?.focus();
    } catch (err) {
      onError(err);
    }
  }

  return (
    <section className="ask-threads" aria-label="Earlier conversations" data-testid="ask-threads">
      <h3>Earlier conversations</h3>
      <label htmlFor="ask-threads-search" className="visually-hidden">
        Search conversations
      </label>
      <input
        id="ask-threads-search"
        ref={searchRef}
        type="search"
        value={query}
        maxLength={200}
        placeholder="Search conversations"
        onChange={(e) => setQuery(e.target.value)}
        data-testid="ask-threads-search"
      />
      {threads.length === 0 ? (
        <p className="hint" data-testid="ask-threads-empty">
          {query.trim() ? 'No conversation matches.' : 'Questions you ask are kept here.'}
        </p>
      ) : (
        <ul className="ask-thread-list">
          {threads.map((t) => (
            <li key={t.id} data-testid="ask-thread-item" aria-current={t.id === currentId ? 'true' : undefined}>
              {renaming?.id === t.id ? (
                <form onSubmit={(e) => void rename(e)} className="field-row">
                  <label htmlFor={`ask-rename-${t.id}`} className="visually-hidden">
                    New name for “{t.title}”
                  </label>
                  <input
                    id={`ask-rename-${t.id}`}
                    value={renaming.title}
                    maxLength={200}
                    autoFocus
                    onChange={(e) => setRenaming({ id: t.id, title: e.target.value })}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') {
                        e.stopPropagation();
                        closeRename(t.id);
                      }
                    }}
                    data-testid="ask-thread-rename-input"
                  />
                  <button type="submit" data-testid="ask-thread-rename-save">
                    Save
                  </button>
                  <button type="button" onClick={() => closeRename(t.id)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <div className="ask-thread-row">
                  <button
                    type="button"
                    className="result"
                    onClick={() => onOpen(t.id)}
                    ref={(el) => void (el ? rows.current.set(t.id, el) : rows.current.delete(t.id))}
                    data-testid="ask-thread-open"
                  >
                    <span className="result-title">{t.title}</span>
                    <span className="result-snippet">
                      {day(t.updatedAt)} · {t.messageCount} {t.messageCount === 1 ? 'answer' : 'answers'}
                      {t.annotationId ? ' · from a highlight' : ''}
                    </span>
                  </button>
                  {confirming === t.id ? (
                    <span role="group" aria-label={`Delete “${t.title}”?`} className="ask-thread-actions">
                      <button type="button" ref={confirmRef} onClick={() => void remove(t)} data-testid="ask-thread-delete-confirm">
                        Delete
                      </button>
                      <button
                        type="button"
                        onClick={() => {
                          setConfirming(null);
                          setRefocus(t.id);
                        }}
                      >
                        Keep
                      </button>
                    </span>
                  ) : (
                    <span className="ask-thread-actions">
                      <button type="button" onClick={() => setRenaming({ id: t.id, title: t.title })} aria-label={`Rename “${t.title}”`} data-testid="ask-thread-rename">
                        Rename
                      </button>
                      <button type="button" onClick={() => setConfirming(t.id)} aria-label={`Delete “${t.title}”`} data-testid="ask-thread-delete">
                        Delete
                      </button>
                    </span>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
