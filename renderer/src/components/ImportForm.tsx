/** Import a book folder by path (a native folder picker can call the same importBook). */
import { useState, type FormEvent } from 'react';
import type { BookImported } from '../../../electron/core/contract.js';
import { errorMessage, reader } from '../reader.js';
import { useAnnounce } from './Announcer.js';
import { ImportSummary, importSummaryLine } from './ImportSummary.js';

export function ImportForm({ onImported }: { onImported: () => void }) {
  const [dir, setDir] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: true; books: BookImported[] } | { ok: false; text: string } | null>(null);
  const announce = useAnnounce();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!dir.trim()) return;
    setBusy(true);
    setResult(null);
    try {
      const r = await reader.importBook({ dir: dir.trim() });
      const books = [r, ...r.moreBooks];
      setResult({ ok: true, books });
      announce(books.map(importSummaryLine).join(' '));
      setDir('');
      onImported();
    } catch (err) {
      setResult({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="import-form" onSubmit={submit} aria-labelledby="import-heading">
      <h2 id="import-heading">Import a book</h2>
      <p className="hint" id="import-hint">
        A folder of Markdown, MDX or Docusaurus docs on this computer.
      </p>
      <div className="field-row">
        <label htmlFor="import-dir">Book folder</label>
        <input
          id="import-dir"
          type="text"
          value={dir}
          onChange={(e) => setDir(e.target.value)}
          placeholder="/path/to/book"
          aria-describedby="import-hint"
          spellCheck={false}
          data-testid="import-path"
        />
        <button type="submit" disabled={busy || !dir.trim()} data-testid="import-submit">
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      {result?.ok === true && (
        <div className="form-result" data-testid="import-result">
          {result.books.map((b) => (
            <ImportSummary key={b.bookId} book={b} />
          ))}
        </div>
      )}
      {result?.ok === false && (
        <p className="form-result form-error" role="alert" data-testid="import-result">
          {result.text}
        </p>
      )}
    </form>
  );
}
