/**
 * The open book's highlights, kept fresh (reloaded on `annotationsChanged`), and the reading view's highlighting
 * state shared by the chapter, the selection toolbar, the popover and the Notes panel: the colour used last, which
 * highlight's popover is open, which orphan is being re-attached, and the deleted one that can still be undone.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Annotation, HighlightColor } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';
import { HIGHLIGHT_COLORS } from './colors.js';

const COLOR_KEY = 'reader.highlightColor';

function savedColor(): HighlightColor {
  const saved = window.localStorage.getItem(COLOR_KEY);
  return HIGHLIGHT_COLORS.find((c) => c === saved) ?? 'yellow';
}

export interface AnnotationsState {
  bookId: string;
  /** Every highlight of the book, orphans too, in reading order; null until loaded. */
  list: Annotation[] | null;
  lastColor: HighlightColor;
  setLastColor(color: HighlightColor): void;
  /** The highlight whose popover is open. */
  openId: string | null;
  setOpenId(id: string | null): void;
  /** The orphan waiting for the reader to select its new text. */
  reattachingId: string | null;
  setReattachingId(id: string | null): void;
  /** Puts a changed or new highlight into the list at once (the event reloads it anyway). */
  upsert(annotation: Annotation): void;
  remove(id: string): void;
}

export function useAnnotationsState(bookId: string, onError: (err: unknown) => void): AnnotationsState {
  const [list, setList] = useState<Annotation[] | null>(null);
  const [lastColor, setColor] = useState<HighlightColor>(savedColor);
  const [openId, setOpenId] = useState<string | null>(null);
  const [reattachingId, setReattachingId] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = () => {
      reader.listAnnotations({ bookId }).then((next) => live && setList(next), onError);
    };
    load();
    const off = reader.on('annotationsChanged', (e) => {
      if (e.bookId === bookId) load();
    });
    return () => {
      live = false;
      off();
    };
  }, [bookId, onError]);

  const setLastColor = useCallback((color: HighlightColor) => {
    setColor(color);
    window.localStorage.setItem(COLOR_KEY, color);
  }, []);
  const upsert = useCallback((a: Annotation) => {
    setList((cur) => {
      if (!cur) return cur;
      const i = cur.findIndex((x) => x.id === a.id);
      if (i >= 0) return cur.map((x) => (x.id === a.id ? a : x));
      return [...cur, a];
    });
  }, []);
  const remove = useCallback((id: string) => setList((cur) => cur && cur.filter((x) => x.id !== id)), []);

  return useMemo(
    () => ({ bookId, list, lastColor, setLastColor, openId, setOpenId, reattachingId, setReattachingId, upsert, remove }),
    [bookId, list, lastColor, setLastColor, openId, reattachingId, upsert, remove],
  );
}

export const AnnotationsContext = createContext<AnnotationsState | null>(null);

export function useAnnotations(): AnnotationsState {
  const state = useContext(AnnotationsContext);
  if (!state) throw new Error('useAnnotations outside the reading view');
  return state;
}

