/**
 * The book's highlights and notes: in reading order, grouped by chapter, filtered by colour and searched in quotes
 * and notes; each opens its passage, scrolled and focused. Orphans (not found in this edition) are listed apart with
 * their quote and note, to re-attach or delete; low-confidence placements are marked. Export and import live here.
 */
import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import type { Annotation, AnnotationsImportResult, HighlightColor } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';
import { ColorSwatches } from '../annotations/ColorSwatches.js';
import { COLOR_NAMES } from '../annotations/colors.js';
import { downloadText } from '../annotations/download.js';
import { notesView, quoteOf } from '../annotations/notes-view.js';
import { useAnnotations } from '../annotations/useAnnotations.js';
import type { PanelProps } from './book-context.js';
import '../annotations/annotations.css';

function importSummary(r: AnnotationsImportResult): string {
  const parts = [`${r.imported} imported`, `${r.existing} already here`, `${r.anchored} placed`, `${r.review} to review`, `${r.orphans} orphans`];
  if (r.skipped.length > 0) parts.push(`${r.skipped.length} skipped`);
  return parts.join(', ');
}

function NoteBody({ a }: { a: Annotation }) {
  if (!a.noteHtml) return null;
  // Rendered from Markdown and sanitized by the engine.
  return <div className="note-html" dangerouslySetInnerHTML={{ __html: a.noteHtml }} />;
}

export function NotesPanel({ book }: PanelProps) {
  const state = useAnnotations();
  const [colors, setColors] = useState<Set<HighlightColor>>(new Set());
  const [query, setQuery] = useState('');
  const [imported, setImported] = useState<AnnotationsImportResult | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const view = useMemo(() => notesView(state.list ?? [], colors, query), [state.list, colors, query]);
  const total = state.list?.length ?? 0;

  const toggle = (c: HighlightColor) =>
    setColors((cur) => {
      const next = new Set(cur);
      if (!next.delete(c)) next.add(c);
      return next;
    });
  const exportAs = async (format: 'markdown' | 'json') => {
    try {
      const file = await reader.exportAnnotations({ bookId: book.bookId, format });
      downloadText(file.filename, file.mediaType, file.content);
      book.announce(`Exported ${file.filename}`);
    } catch (err) {
      book.onError(err);
    }
  };
  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      const result = await reader.importAnnotations({ bookId: book.bookId, content: await file.text() });
      setImported(result);
      book.announce(`Import: ${importSummary(result)}`);
    } catch (err) {
      book.onError(err);
    }
  };
  const remove = async (a: Annotation) => {
    try {
      await reader.deleteAnnotation({ annotationId: a.id });
      state.remove(a.id);
      book.announce('Highlight deleted');
    } catch (err) {
      book.onError(err);
    }
  };

  return (
    <div className="panel notes-panel" data-testid="notes-panel">
      <h2>Notes</h2>
      <div className="field-row notes-transfer">
        <button type="button" onClick={() => void exportAs('markdown')} disabled={total === 0} data-testid="notes-export-md">
          Export Markdown
        </button>
        <button type="button" onClick={() => void exportAs('json')} disabled={total === 0} data-testid="notes-export-json">
          Export JSON
        </button>
        <button type="button" onClick={() => fileInput.current?.click()} data-testid="notes-import">
          Import JSON…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,application/ld+json,.json,.jsonld"
          hidden
          onChange={(e) => void importFile(e)}
          aria-label="Annotations file to import"
          data-testid="notes-import-file"
        />
      </div>
      {imported && (
        <p className="hint" role="status" data-testid="notes-import-result">
          Import: {importSummary(imported)}.
        </p>
      )}

      <label htmlFor="notes-search" className="visually-hidden">
        Search notes and quotes
      </label>
      <input
        id="notes-search"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="Search notes and quotes"
        maxLength={200}
        data-autofocus
        data-testid="notes-search"
      />
      <div className="color-row" role="group" aria-label="Show colours">
        <ColorSwatches
          label={(name) => `Only ${name.toLowerCase()}`}
          pressed={(c) => colors.has(c)}
          onPick={toggle}
          testId={(c) => `notes-filter-${c}`}
        />
      </div>

      {state.list === null ? (
        <p className="hint">Loading…</p>
      ) : total === 0 ? (
        <p className="hint">No highlights yet. Select text in a chapter and pick a colour, or press h.</p>
      ) : (
        <p className="hint" data-testid="notes-count">
          {view.shown === total ? `${total} highlights` : `${view.shown} of ${total} highlights`}
          {view.reviewCount > 0 && `, ${view.reviewCount} to check`}
        </p>
      )}

      {view.groups.map((g) => (
        <section key={g.chapterId} className="notes-chapter" aria-labelledby={`notes-ch-${g.chapterId}`}>
          <h3 id={`notes-ch-${g.chapterId}`}>{g.title}</h3>
          <ul className="notes-list">
            {g.items.map((a) => (
              <li key={a.id} data-color={a.color} data-testid="note-item">
                <button
                  type="button"
                  className="note-quote"
                  onClick={() => book.goTo(g.chapterId, { kind: 'annotation', annotationId: a.id })}
                  data-testid="note-open"
                >
                  <span className="visually-hidden">{COLOR_NAMES[a.color]} highlight: </span>
                  {quoteOf(a)}
                </button>
                {a.anchor.status === 'review' && (
                  <span className="review-badge" data-testid="note-review">
                    Check placement ({Math.round(a.anchor.score * 100)}% match)
                  </span>
                )}
                <NoteBody a={a} />
              </li>
            ))}
          </ul>
        </section>
      ))}

      {view.orphans.length > 0 && (
        <section className="notes-orphans" aria-labelledby="notes-orphans" data-testid="notes-orphans">
          <h3 id="notes-orphans">Orphans</h3>
          <p className="hint">These were not found in this edition of the book. Re-attach each to its new text, or delete it.</p>
          <ul className="notes-list">
            {view.orphans.map((a) => (
              <li key={a.id} data-color={a.color} data-testid="orphan-item">
                <blockquote className="orphan-quote">{a.target.quote.exact}</blockquote>
                <NoteBody a={a} />
                <div className="field-row">
                  <button
                    type="button"
                    aria-pressed={state.reattachingId === a.id}
                    onClick={() => {
                      state.setReattachingId(a.id);
                      book.announce('Select the new text in a chapter, then choose “Attach here”.');
                    }}
                    data-testid="orphan-reattach"
                  >
                    Re-attach
                  </button>
                  <button type="button" className="danger" onClick={() => void remove(a)} data-testid="orphan-delete">
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
