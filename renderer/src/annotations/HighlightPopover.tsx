/**
 * The popover of one highlight (opened by clicking it, or Enter on it): its note (Markdown; shown as the engine
 * rendered and sanitized it once saved), its colour, "Ask about this", "Open thread" when it has one, and delete with
 * an undo. A highlight placed with low confidence after a new edition says so. Escape closes it and puts focus back
 * on the highlight.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Annotation, HighlightColor } from '../../../electron/core/contract.js';
import type { BookContext } from '../panels/book-context.js';
import { reader } from '../reader.js';
import { sendOpenThread, sendQuestion } from '../ask/ask-bus.js';
import { ColorSwatches } from './ColorSwatches.js';
import { markOf } from './highlight-actions.js';
import { useAnnotations } from './useAnnotations.js';

const QUESTION_QUOTE_CHARS = 300;

interface Props {
  annotation: Annotation;
  book: BookContext;
  /** Deleted: the view offers the undo. */
  onDeleted(annotation: Annotation): void;
}

function place(mark: HTMLElement | null): { top: number; left: number } {
  const r = mark?.getBoundingClientRect();
  if (!r) return { top: 80, left: 16 };
  const width = Math.min(360, window.innerWidth - 16);
  const left = Math.max(8, Math.min(r.left, window.innerWidth - width - 8));
  // Below the highlight when there is room, else above it.
  const top = r.bottom + 8 + 260 < window.innerHeight ? r.bottom + 8 : Math.max(8, r.top - 268);
  return { top, left };
}

export function HighlightPopover({ annotation, book, onDeleted }: Props) {
  const state = useAnnotations();
  const [draft, setDraft] = useState(annotation.note);
  const [editing, setEditing] = useState(annotation.note === '');
  const [saving, setSaving] = useState(false);
  const [pos, setPos] = useState(() => place(markOf(annotation.id)));
  const root = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);
  const review = annotation.anchor.status === 'review';

  const close = (refocus: boolean) => {
    state.setOpenId(null);
    if (refocus) markOf(annotation.id)?.focus();
  };

  useLayoutEffect(() => {
    setPos(place(markOf(annotation.id)));
    // The note field when there is no note yet, else the first control.
    (root.current?.querySelector<HTMLElement>('textarea') ?? root.current?.querySelector<HTMLElement>('button'))?.focus();
  }, [annotation.id]);

  // Once a note is saved the field goes away: the focus moves to "Edit note" instead of falling out of the popover.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      close(true);
    };
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!root.current?.contains(t) && !(t instanceof Element && t.closest('mark.annotation'))) close(false);
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onDown);
    };
  });

  const update = async (change: { color?: HighlightColor; note?: string }) => {
    setSaving(true);
    try {
      const next = await reader.updateAnnotation({ annotationId: annotation.id, ...change });
      state.upsert(next);
      if (change.color) state.setLastColor(change.color);
      return next;
    } catch (err) {
      book.onError(err);
      return null;
    } finally {
      setSaving(false);
    }
  };
  const saveNote = async () => {
    const next = await update({ note: draft });
    if (next) {
      setEditing(next.note === '');
      book.announce(next.note ? 'Note saved' : 'Note removed');
    }
  };
  const remove = async () => {
    try {
      await reader.deleteAnnotation({ annotationId: annotation.id });
      state.remove(annotation.id);
      state.setOpenId(null);
      onDeleted(annotation);
    } catch (err) {
      book.onError(err);
    }
  };
  const quote = (annotation.anchor.exact || annotation.target.quote.exact).replace(/\s+/g, ' ').slice(0, QUESTION_QUOTE_CHARS);

  return (
    <div
      ref={root}
      role="dialog"
      aria-label="Highlight"
      className="highlight-popover"
      style={{ top: pos.top, left: pos.left }}
      data-testid="highlight-popover"
    >
      {review && (
        <p className="review-note" data-testid="popover-review">
          Check this placement: the book changed and this highlight was placed with low confidence ({Math.round(annotation.anchor.score * 100)}% match).
        </p>
      )}
      <div className="color-row" role="group" aria-label="Colour">
        <ColorSwatches
          label={(name) => name}
          pressed={(color) => annotation.color === color}
          disabled={saving}
          onPick={(color) => void update({ color })}
          testId={(color) => `popover-color-${color}`}
        />
      </div>
      {editing ? (
        <div className="note-edit">
          <label htmlFor="highlight-note">Note (Markdown)</label>
          <textarea
            id="highlight-note"
            rows={4}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void saveNote();
            }}
            data-testid="popover-note-input"
          />
          <div className="field-row">
            <button type="button" className="primary" disabled={saving} onClick={() => void saveNote()} data-testid="popover-note-save">
              Save note
            </button>
            {annotation.note !== '' && (
              <button type="button" onClick={() => (setDraft(annotation.note), setEditing(false))}>
                Cancel
              </button>
            )}
          </div>
        </div>
      ) : (
        <div className="note-view">
          {/* Rendered from Markdown and sanitized by the engine. */}
          <div className="note-html" data-testid="popover-note" dangerouslySetInnerHTML={{ __html: annotation.noteHtml }} />
          <button ref={editButton} type="button" onClick={() => setEditing(true)} data-testid="popover-note-edit">
            Edit note
          </button>
        </div>
      )}
      <div className="field-row">
        <button
          type="button"
          onClick={() => {
            sendQuestion(quote, { annotationId: annotation.id });
            state.setOpenId(null);
            book.openPanel('ask');
          }}
          data-testid="popover-ask"
        >
          Ask about this
        </button>
        {annotation.threadId && (
          <button
            type="button"
            onClick={() => {
              state.setOpenId(null);
              sendOpenThread(annotation.threadId!);
              book.openPanel('ask');
            }}
            data-testid="popover-open-thread"
          >
            Open thread
          </button>
        )}
        <button type="button" className="danger" onClick={() => void remove()} data-testid="popover-delete">
          Delete
        </button>
      </div>
    </div>
  );
}
