/**
 * One chapter's stored, sanitized HTML, plus reading position: restored (or a landing applied) when it opens,
 * saved while scrolling (debounced) and when leaving it. A chapter opening at its top goes in progressively (its
 * first screen, then the rest after the first paint, progressive-fill.ts); everything that needs the whole chapter (landing,
 * highlights, saving and reading the place) waits until it is complete.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import type { ChapterView } from '../../../electron/core/contract.js';
import type { Landing } from '../panels/book-context.js';
import { clearHighlights, highlightTerms } from './highlight.js';
import { clearPassageHighlight, highlightPassage } from '../ask/highlight-passage.js';
import { fillProgressively } from './progressive-fill.js';
import { enhanceTabs, revealInTabs } from './chapter-tabs.js';
import { keepDiagramsDrawn } from './chapter-mermaid.js';
import { clearHighlightMarks, MARK_SELECTOR, paintHighlights, type PaintedHighlight } from '../annotations/paint-highlights.js';

export interface LandingRequest {
  chapterId: string;
  landing: Landing;
  /** Bumped on every request, so landing twice in the same chapter works. */
  seq: number;
}

export interface Place {
  position: number;
  anchor: string | null;
  heading: string | null;
}

interface Props {
  chapter: ChapterView;
  bookTitle: string;
  landing: LandingRequest | null;
  scroller: RefObject<HTMLElement | null>;
  /** Filled in with a reader of the current place, for bookmarks. */
  placeRef: RefObject<(() => Place) | null>;
  /** Told when placeRef can (and no longer can) be read, so a bookmark control is not offered before. */
  onPlaceReady(ready: boolean): void;
  savePosition(chapterId: string, position: number): Promise<void>;
  onChapterLink(chapterId: string, anchor: string | null): void;
  /** The reader's highlights in this chapter, painted once it is complete (and again when they change). */
  highlights?: readonly PaintedHighlight[];
  /** A highlight was clicked, or Enter pressed on it. */
  onOpenHighlight?(annotationId: string): void;
}

const SAVE_DELAY_MS = 400;
const NO_HIGHLIGHTS: readonly PaintedHighlight[] = [];

function scrollFraction(el: HTMLElement): number {
  const max = el.scrollHeight - el.clientHeight;
  return max > 0 ? Math.min(1, Math.max(0, el.scrollTop / max)) : 0;
}

function scrollToFraction(el: HTMLElement, fraction: number): void {
  el.scrollTop = fraction * Math.max(0, el.scrollHeight - el.clientHeight);
}

export function ChapterArticle({ chapter, bookTitle, landing, scroller, placeRef, onPlaceReady, savePosition, onChapterLink, highlights = NO_HIGHLIGHTS, onOpenHighlight }: Props) {
  const article = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The stored HTML usually starts with the chapter's own <h1>; only add one when it does not.
  const htmlHasTitle = /^\s*<h1[\s>]/i.test(chapter.html);
  // Only a landing aimed at this chapter re-lands it; one aimed elsewhere must not move (and re-save) this one.
  const target = landing?.chapterId === chapter.id ? landing : null;
  const targetRef = useRef(target);
  targetRef.current = target;
  // The chapter whose HTML is wholly in the body; until it is this one, the body holds a part or the previous one.
  const [filled, setFilled] = useState<ChapterView | null>(null);
  const complete = filled === chapter;

  // Fill the body. Progressive only when the chapter opens at its top: a landing further down needs the whole
  // chapter laid out before anything useful can be shown, and showing the top first would flash the wrong place.
  useLayoutEffect(() => {
    const bodyEl = body.current;
    const scrollEl = scroller.current;
    if (!bodyEl) return;
    const t = targetRef.current?.landing ?? null;
    const atTop = t ? t.kind === 'position' && t.position === 0 : chapter.position === 0;
    // The previous chapter's scroll offset must not show the middle (or, clamped, the end) of the first part.
    if (atTop && scrollEl) scrollEl.scrollTop = 0;
    return fillProgressively(bodyEl, chapter.html, atTop, () => setFilled(chapter));
  }, [chapter, scroller]);

  // Tabs become tabs once the whole chapter is in (before landing, which may need to open the tab holding its target).
  useLayoutEffect(() => {
    const bodyEl = body.current;
    if (!complete || !bodyEl) return;
    return enhanceTabs(bodyEl);
  }, [chapter, complete]);

  // Mermaid diagrams (only in books whose site enables them) are drawn once the chapter is complete.
  useEffect(() => {
    const bodyEl = body.current;
    if (!complete || !bodyEl) return;
    return keepDiagramsDrawn(bodyEl);
  }, [chapter, complete]);

  // Highlights go in once the chapter is complete, before landing (which may aim at one). A repaint keeps the focus
  // on the highlight that had it.
  useLayoutEffect(() => {
    const bodyEl = body.current;
    if (!complete || !bodyEl) return;
    const focused = document.activeElement instanceof HTMLElement && bodyEl.contains(document.activeElement)
      ? document.activeElement.closest<HTMLElement>(MARK_SELECTOR)?.dataset.annotationId
      : undefined;
    clearHighlightMarks(bodyEl);
    const count = paintHighlights(bodyEl, highlights);
    article.current?.setAttribute('data-highlights', String(count));
    if (focused) bodyEl.querySelector<HTMLElement>(`${MARK_SELECTOR}[data-first][data-annotation-id="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
  }, [chapter, complete, highlights]);

  // What had focus when this chapter or landing was asked for. A chapter that goes in progressively completes a
  // frame later, and by then the reader may have moved on ("/" opened search): the landing then leaves focus there.
  const focusWhenAsked = useRef<Element | null>(null);
  useLayoutEffect(() => {
    focusWhenAsked.current = document.activeElement;
  }, [chapter, target?.seq]);

  // Land: search hit, highlight, bookmark anchor or position, else the saved position. Re-applied while late images and
  // fonts change the height, until the reader scrolls by hand.
  useLayoutEffect(() => {
    const scrollEl = scroller.current;
    const bodyEl = body.current;
    if (!complete || !scrollEl || !bodyEl) return;
    clearHighlights(bodyEl);
    clearPassageHighlight(bodyEl);
    const target = targetRef.current?.landing ?? null;
    const titleEl = htmlHasTitle ? bodyEl.querySelector('h1') : heading.current;
    let land: () => void;
    let focusEl: HTMLElement | null = titleEl;
    if (target?.kind === 'terms') {
      const hit = highlightTerms(bodyEl, target.terms);
      revealInTabs(bodyEl, hit);
      focusEl = hit ?? titleEl;
      land = () => (hit ? hit.scrollIntoView({ block: 'center' }) : scrollToFraction(scrollEl, 0));
    } else if (target?.kind === 'passage') {
      const block = highlightPassage(bodyEl, target.anchor, target.text);
      revealInTabs(bodyEl, block);
      focusEl = block ?? titleEl;
      land = () => (block ? block.scrollIntoView({ block: 'center' }) : scrollToFraction(scrollEl, 0));
    } else if (target?.kind === 'annotation') {
      const mark = bodyEl.querySelector<HTMLElement>(`${MARK_SELECTOR}[data-first][data-annotation-id="${CSS.escape(target.annotationId)}"]`);
      revealInTabs(bodyEl, mark);
      focusEl = mark ?? titleEl;
      land = () => (mark ? mark.scrollIntoView({ block: 'center' }) : scrollToFraction(scrollEl, 0));
    } else if (target?.kind === 'anchor') {
      const el = bodyEl.querySelector<HTMLElement>(`#${CSS.escape(target.anchor)}`);
      revealInTabs(bodyEl, el);
      land = () => (el ? el.scrollIntoView({ block: 'start' }) : scrollToFraction(scrollEl, 0));
    } else {
      const fraction = target?.kind === 'position' ? target.position : chapter.position;
      land = () => scrollToFraction(scrollEl, fraction);
    }
    const active = document.activeElement;
    const movedOn = active !== null && active !== focusWhenAsked.current && active !== document.body && !article.current?.contains(active);
    if (focusEl && !movedOn) {
      focusEl.tabIndex = -1;
      focusEl.focus({ preventScroll: true });
    }
    land();

    let touched = false;
    const onTouch = () => {
      touched = true;
    };
    const reland = () => {
      if (!touched) land();
    };
    const interactions = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
    for (const type of interactions) scrollEl.addEventListener(type, onTouch, { passive: true });
    const images = [...bodyEl.querySelectorAll('img')].filter((img) => !img.complete);
    for (const img of images) img.addEventListener('load', reland);
    void document.fonts.ready.then(reland);
    return () => {
      for (const type of interactions) scrollEl.removeEventListener(type, onTouch);
      for (const img of images) img.removeEventListener('load', reland);
      touched = true;
    };
  }, [chapter, complete, target?.seq, htmlHasTitle, scroller]);

  // Save the position while scrolling (debounced), and at once when leaving the chapter or the page with a save
  // pending. The position is read when the scroll happens (by the time React cleans up after a chapter change the
  // element already holds the next chapter), and this is a layout effect so the listener is gone before the next
  // chapter's landing scrolls the same element. Not while the chapter is partial: its height, so the fraction, is wrong.
  useLayoutEffect(() => {
    const scrollEl = scroller.current;
    if (!complete || !scrollEl) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let latest = 0;
    const save = () => {
      timer = null;
      const position = latest;
      void savePosition(chapter.id, position).then(() => {
        article.current?.setAttribute('data-saved-position', position.toFixed(4));
      });
    };
    const flush = () => {
      if (timer) {
        clearTimeout(timer);
        save();
      }
    };
    const onScroll = () => {
      latest = scrollFraction(scrollEl);
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, SAVE_DELAY_MS);
    };
    scrollEl.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('pagehide', flush);
    return () => {
      scrollEl.removeEventListener('scroll', onScroll);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [chapter.id, complete, savePosition, scroller]);

  // Blocks that scroll sideways (wide code, tables, equations) must be reachable by keyboard to be scrolled.
  useEffect(() => {
    const bodyEl = body.current;
    if (!complete || !bodyEl) return;
    const mark = () => {
      for (const el of bodyEl.querySelectorAll<HTMLElement>('pre, table, .katex-display, .math-display')) {
        if (el.scrollWidth > el.clientWidth) el.tabIndex = 0;
        else el.removeAttribute('tabindex');
      }
    };
    const observer = new ResizeObserver(mark);
    observer.observe(bodyEl);
    mark();
    return () => observer.disconnect();
  }, [chapter, complete]);

  // Bookmarks read the place; a partial chapter has no true one.
  useEffect(() => {
    if (!complete) return;
    placeRef.current = () => {
      const scrollEl = scroller.current;
      const top = scrollEl ? scrollEl.getBoundingClientRect().top + 8 : 0;
      let current: HTMLElement | null = null;
      for (const h of body.current?.querySelectorAll<HTMLElement>('h2[id], h3[id], h4[id]') ?? []) {
        if (h.getBoundingClientRect().top <= top) current = h;
        else break;
      }
      return {
        position: scrollEl ? scrollFraction(scrollEl) : 0,
        anchor: current?.id ?? null,
        heading: current?.textContent?.trim() ?? null,
      };
    };
    onPlaceReady(true);
    return () => {
      placeRef.current = null;
      onPlaceReady(false);
    };
  }, [complete, placeRef, onPlaceReady, scroller]);

  // Links inside the chapter: to another chapter (the engine marks them with data-chapter-id) or to a section of
  // this one (#anchor). Both stay in the app; the router owns only hashes starting with "#/".
  function onClick(event: MouseEvent<HTMLElement>) {
    const link = (event.target as HTMLElement).closest('a');
    const mark = (event.target as HTMLElement).closest<HTMLElement>(MARK_SELECTOR);
    // A link inside a highlight stays a link; a click that ends a selection is about the selection.
    if (!link && mark?.dataset.annotationId && window.getSelection()?.isCollapsed !== false) return onOpenHighlight?.(mark.dataset.annotationId);
    const href = link?.getAttribute('href');
    if (!link || !href || !href.startsWith('#') || href.startsWith('#/')) return;
    event.preventDefault();
    const anchor = link.dataset.anchor ?? (href.length > 1 ? decodeURIComponent(href.slice(1)) : null);
    const chapterId = link.dataset.chapterId;
    if (chapterId && chapterId !== chapter.id) return onChapterLink(chapterId, anchor);
    const target = anchor ? body.current?.querySelector<HTMLElement>(`#${CSS.escape(anchor)}`) : null;
    if (target && body.current) {
      revealInTabs(body.current, target);
      target.scrollIntoView({ block: 'start' });
      target.tabIndex = -1;
      target.focus({ preventScroll: true });
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const mark = (event.target as HTMLElement).closest<HTMLElement>(MARK_SELECTOR);
    if (!mark?.dataset.annotationId || !onOpenHighlight) return;
    event.preventDefault();
    onOpenHighlight(mark.dataset.annotationId);
  }

  return (
    <article
      ref={article}
      className="chapter"
      aria-labelledby={htmlHasTitle ? undefined : 'chapter-title'}
      aria-busy={!complete}
      data-testid="chapter"
      data-chapter-id={chapter.id}
    >
      <p className="chapter-book">{bookTitle}</p>
      {!htmlHasTitle && (
        <h1 id="chapter-title" ref={heading} tabIndex={-1}>
          {chapter.title}
        </h1>
      )}
      {/* Rendered and sanitized at import time by the engine; filled by the effect above, not by React. */}
      <div ref={body} className="chapter-body" onClick={onClick} onKeyDown={onKeyDown} />
    </article>
  );
}
