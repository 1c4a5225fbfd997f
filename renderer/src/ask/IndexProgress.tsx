/** A book's search-index build, shown while it runs (after an import): a labelled progress bar, else nothing. */
import { useEffect, useState } from 'react';
import type { IndexStatus } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';

export function IndexProgress({ bookId }: { bookId: string }) {
  const [status, setStatus] = useState<IndexStatus | null>(null);
  useEffect(() => {
    let live = true;
    reader.indexStatus({ bookId }).then(
      (s) => live && setStatus(s),
      () => undefined, // the book list shows its own errors; a missing status just shows nothing
    );
    const off = reader.on('indexProgress', (s) => {
      if (s.bookId === bookId) setStatus(s);
    });
    return () => {
      live = false;
      off();
    };
  }, [bookId]);

  if (status?.state !== 'indexing') return null;
  const pct = status.total > 0 ? Math.round((100 * status.done) / status.total) : 0;
  const id = `index-progress-${bookId}`;
  return (
    <p className="book-meta" data-testid="index-progress">
      <label htmlFor={id}>Preparing for questions… {pct}%</label> <progress id={id} max={100} value={pct} />
    </p>
  );
}
