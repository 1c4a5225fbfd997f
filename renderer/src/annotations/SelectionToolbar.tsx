/**
 * The toolbar beside a selection in the chapter: the highlight colours, "Note" (highlight and open its note),
 * "Ask about this" (the Ask panel with a question about the words). While an orphan is being re-attached it offers
 * "Attach here" instead. Buttons keep the selection (no focus steal on mousedown); `t` moves the keyboard focus into
 * the toolbar, Escape hides it.
 */
import { useEffect, useRef, useState } from 'react';
import type { HighlightColor } from '../../../electron/core/contract.js';
import type { BookContext } from '../panels/book-context.js';
import { sendQuestion } from '../ask/ask-bus.js';
import { typingInField } from '../hooks/useShortcuts.js';
import { currentChapterSelection } from './chapter-selection.js';
import { ColorSwatches } from './ColorSwatches.js';
import { COLOR_NAMES } from './colors.js';
import { focusHighlightSoon, highlightSelection, reattachToSelection } from './highlight-actions.js';
import { useAnnotations } from './useAnnotations.js';
import './annotations.css';

const MIN_ASK_CHARS = 3;
const MAX_ASK_CHARS = 300;

interface Spot {
  text: string;
  top: number;
  left: number;
}

export function SelectionToolbar({ book }: { book: BookContext }) {
  const state = useAnnotations();
  const [spot, setSpot] = useState<Spot | null>(null);
  const bar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const update = () => {
      const s = currentChapterSelection();
      if (!s) return setSpot(null);
      setSpot({ text: s.exact.replace(/\s+/g, ' '), top: s.rect.bottom + 6, left: Math.max(8, s.rect.left) });
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setSpot(null);
      if (e.key !== 't' || e.ctrlKey || e.altKey || e.metaKey || typingInField(e.target) || !bar.current) return;
      e.preventDefault();
      bar.current.querySelector('button')?.focus();
    };
    document.addEventListener('selectionchange', update);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('selectionchange', update);
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  if (!spot) return null;

  const highlight = async (color: HighlightColor, withNote: boolean) => {
    try {
      const created = await highlightSelection(state, color);
      if (!created) return;
      book.announce(`Highlighted in ${COLOR_NAMES[color].toLowerCase()}`);
      if (withNote) state.setOpenId(created.id);
      else focusHighlightSoon(created.id);
    } catch (err) {
      book.onError(err);
    }
  };
  const attach = async (annotationId: string) => {
    try {
      if (await reattachToSelection(state, annotationId)) book.announce('Highlight re-attached');
    } catch (err) {
      book.onError(err);
    }
  };

  return (
    <div
      ref={bar}
      role="toolbar"
      aria-label="Selection"
      aria-keyshortcuts="t"
      className="selection-toolbar"
      style={{ top: spot.top, left: spot.left }}
      // Keep the selection: a mousedown on a button would otherwise clear it before the click.
      onMouseDown={(e) => e.preventDefault()}
      data-testid="selection-toolbar"
    >
      {state.reattachingId ? (
        <>
          <button type="button" onClick={() => void attach(state.reattachingId!)} data-testid="reattach-here">
            Attach here
          </button>
          <button type="button" onClick={() => state.setReattachingId(null)}>
            Cancel re-attach
          </button>
        </>
      ) : (
        <>
          <ColorSwatches
            label={(name) => `Highlight ${name.toLowerCase()}`}
            title={(name, color) => `Highlight ${name.toLowerCase()}${color === state.lastColor ? ' (h)' : ''}`}
            onPick={(color) => void highlight(color, false)}
            testId={(color) => `highlight-${color}`}
          />
          <button type="button" onClick={() => void highlight(state.lastColor, true)} data-testid="highlight-note">
            Note
          </button>
          {spot.text.length >= MIN_ASK_CHARS && (
            <button
              type="button"
              onClick={() => {
                sendQuestion(spot.text.slice(0, MAX_ASK_CHARS));
                book.openPanel('ask');
                setSpot(null);
              }}
              data-testid="ask-about-selection"
            >
              Ask about this
            </button>
          )}
        </>
      )}
    </div>
  );
}
