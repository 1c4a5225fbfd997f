/**
 * "Ask about this": when the reader selects text in the chapter, a small button appears beside the selection;
 * it opens the Ask panel with a question about the selected words.
 */
import { useEffect, useState } from 'react';
import type { BookContext } from '../panels/book-context.js';
import { sendQuestion } from './ask-bus.js';
import './ask.css';

const MIN_CHARS = 3;
const MAX_CHARS = 300;

interface Spot {
  text: string;
  top: number;
  left: number;
}

export function SelectionAsk({ book }: { book: BookContext }) {
  const [spot, setSpot] = useState<Spot | null>(null);

  useEffect(() => {
    const update = () => {
      const sel = window.getSelection();
      const text = sel?.toString().replace(/\s+/g, ' ').trim() ?? '';
      const node = sel && sel.rangeCount > 0 ? sel.getRangeAt(0).commonAncestorContainer : null;
      const inChapter = node && (node instanceof Element ? node : node.parentElement)?.closest('.chapter-body');
      if (!sel || sel.isCollapsed || !inChapter || text.length < MIN_CHARS) return setSpot(null);
      const rect = sel.getRangeAt(0).getBoundingClientRect();
      setSpot({ text: text.slice(0, MAX_CHARS), top: rect.bottom + 6, left: Math.max(8, rect.left) });
    };
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, []);

  if (!spot) return null;
  return (
    <button
      type="button"
      className="ask-selection"
      style={{ top: spot.top, left: spot.left }}
      // Keep the selection: a mousedown on the button would otherwise clear it before the click.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => {
        sendQuestion(spot.text);
        book.openPanel('ask');
        setSpot(null);
      }}
      data-testid="ask-about-selection"
    >
      Ask about this
    </button>
  );
}
