import { useState, type FormEvent } from 'react';
import type { SearchHit } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';
import type { PanelProps } from './book-context.js';

export function SearchPanel({ book }: PanelProps) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const q = query.trim();
    if (!q) return;
    setBusy(true);
    try {
      const found = await reader.searchBook({ bookId: book.bookId, query: q });
      setHits(found);
      book.announce(found.length === 1 ? '1 result' : `${found.length} results`);
    } catch (err) {
      book.onError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="panel" data-testid="search-panel">
      <h2>Search this book</h2>
      <form role="search" onSubmit={submit} className="field-row">
        <label htmlFor="search-input" className="visually-hidden">
          Search terms
        </label>
        <input
          id="search-input"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="e.g. inverse kinematics"
          maxLength={200}
          data-autofocus
          data-testid="search-input"
        />
        <button type="submit" disabled={busy || !query.trim()} data-testid="search-submit">
          Search
        </button>
      </form>
      {hits && (
        <>
          <p className="hint" data-testid="search-count">
            {hits.length === 0 ? 'No matches.' : hits.length === 1 ? '1 result' : `${hits.length} results`}
          </p>
          <ol className="result-list">
            {hits.map((hit, i) => (
              <li key={`${hit.chapterId}-${i}`}>
                <button
                  type="button"
                  className="result"
                  onClick={() => book.goTo(hit.chapterId, { kind: 'terms', terms: hit.terms })}
                  data-testid="search-result"
                >
                  <span className="result-title">{hit.chapterTitle}</span>
                  {/* The contract guarantees snippets are escaped text with <mark> only. */}
                  <span className="result-snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
