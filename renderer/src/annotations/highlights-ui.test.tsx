// @vitest-environment happy-dom
import { emit, fakeMethods, inputsOf } from '../../test/fake-reader.js';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useMemo } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Annotation, AnnotationsImportResult, ChapterView, HighlightColor } from '../../../electron/core/contract.js';
import { ChapterArticle } from '../components/ChapterArticle.js';
import type { BookContext } from '../panels/book-context.js';
import { NotesPanel } from '../panels/NotesPanel.js';
import { takeQuestion } from '../ask/ask-bus.js';
import { HighlightLayer } from './HighlightLayer.js';
import { paintableOf } from './paint-highlights.js';
import { AnnotationsContext, useAnnotationsState } from './useAnnotations.js';
import { useHighlightShortcut } from './useHighlightShortcut.js';
import { readChapterText } from './chapter-text.js';

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

const HTML = '<h1>Balance</h1><p>A <strong>legged</strong> robot keeps its centre of mass over its feet.</p><p>Stepping is the last resort.</p>';
const chapter: ChapterView = { bookId: 'b1', id: 'c1', title: 'Balance', file: 'balance.md', html: HTML, outline: [], prevId: null, nextId: null, position: 0 };
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function annotation(n: number, exact: string, over: Partial<Annotation> = {}, status: 'anchored' | 'review' | 'orphan' = 'anchored'): Annotation {
  const start = status === 'orphan' ? 0 : readTextOf(HTML).indexOf(exact);
  return {
    id: ID(n), bookId: 'b1', color: 'yellow', note: '', noteHtml: '', threadId: null, createdAt: '', updatedAt: '',
    target: { chapterId: 'c1', file: 'balance.md', quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 0, end: exact.length }, sectionPath: [], contentHash: 'h' },
    anchor: { status, chapterId: status === 'orphan' ? null : 'c1', chapterTitle: 'Balance', start, end: status === 'orphan' ? 0 : start + exact.length, score: status === 'review' ? 0.6 : 1, exact: status === 'orphan' ? '' : exact, sectionAnchor: '' },
    ...over,
  };
}

function readTextOf(html: string): string {
  const div = document.createElement('div');
  div.innerHTML = html;
  return readChapterText(div).text;
}

function book(over: Partial<BookContext> = {}): BookContext {
  return {
    bookId: 'b1', bookTitle: 'Robots', toc: [], chapter, bookmarks: [], canBookmark: true,
    goTo: vi.fn(), openPanel: vi.fn(), addBookmark: vi.fn(async () => undefined), removeBookmark: vi.fn(async () => undefined),
    announce: vi.fn(), onError: vi.fn(),
    ...over,
  };
}

// Stable, as BookView's refs are: a new object each render would refill the chapter.
const NO_SCROLLER = { current: null };
const NO_PLACE = { current: null };

/** The reading view's highlight parts around a real ChapterArticle, as BookView puts them together. */
function Reading({ ctx, panel = false }: { ctx: BookContext; panel?: boolean }) {
  const state = useAnnotationsState('b1', ctx.onError);
  const h = useHighlightShortcut(state, ctx.announce, ctx.onError);
  const highlights = useMemo(() => (state.list ? paintableOf(state.list, 'c1') : []), [state.list]);
  return (
    <AnnotationsContext.Provider value={state}>
      <button type="button" onClick={h} data-testid="press-h" />
      <ChapterArticle
        chapter={chapter}
        bookTitle="Robots"
        landing={null}
        scroller={NO_SCROLLER}
        placeRef={NO_PLACE}
        onPlaceReady={() => undefined}
        savePosition={async () => undefined}
        onChapterLink={() => undefined}
        highlights={highlights}
        onOpenHighlight={state.setOpenId}
      />
      <HighlightLayer book={ctx} />
      {panel && <NotesPanel book={ctx} />}
    </AnnotationsContext.Provider>
  );
}

function select(phrase: string) {
  const body = document.querySelector<HTMLElement>('.chapter-body')!;
  const ct = readChapterText(body);
  const start = ct.text.indexOf(phrase);
  const range = document.createRange();
  const at = (offset: number) => {
    const i = ct.starts.findLastIndex((s) => s <= offset);
    return [ct.nodes[i]!, offset - ct.starts[i]!] as const;
  };
  range.setStart(...at(start));
  range.setEnd(...at(start + phrase.length));
  const sel = window.getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
  document.dispatchEvent(new Event('selectionchange'));
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 30)));

describe('highlighting in the chapter', () => {
  it('the toolbar’s colour saves the selection with its anchor-text offsets, and the highlight is painted', async () => {
    let list: Annotation[] = [];
    fakeMethods({
      listAnnotations: async () => list,
      addAnnotation: async (input) => {
        const a = annotation(1, input.selection.exact, { color: input.color });
        list = [a];
        return a;
      },
    });
    render(<Reading ctx={book()} />);
    await settle();
    select('legged robot keeps');
    await settle();
    // t takes the keyboard into the toolbar.
    fireEvent.keyDown(document.body, { key: 't' });
    expect(document.activeElement).toBe(screen.getByTestId('highlight-yellow'));
    fireEvent.click(screen.getByTestId('highlight-green'));
    await settle();
    const text = readTextOf(HTML);
    expect(inputsOf('addAnnotation')).toEqual([
      { bookId: 'b1', selection: { chapterId: 'c1', start: text.indexOf('legged'), end: text.indexOf('legged') + 'legged robot keeps'.length, exact: 'legged robot keeps' }, color: 'green' },
    ]);
    const marks = [...document.querySelectorAll<HTMLElement>(`mark.annotation[data-annotation-id="${ID(1)}"]`)];
    expect(marks.map((m) => m.textContent).join('')).toBe('legged robot keeps');
    expect(marks[0]!.dataset.color).toBe('green');
    // The colour is remembered for the h key.
    expect(window.localStorage.getItem('reader.highlightColor')).toBe('green');
  });

  it('h highlights the selection in the last colour and focuses it; Enter opens its popover; a note is saved', async () => {
    window.localStorage.setItem('reader.highlightColor', 'pink');
    let list: Annotation[] = [];
    fakeMethods({
      listAnnotations: async () => list,
      addAnnotation: async (input) => (list = [annotation(1, input.selection.exact, { color: input.color })])[0]!,
      updateAnnotation: async (input) => {
        list = [{ ...list[0]!, note: input.note ?? '', noteHtml: `<p>${input.note ?? ''}</p>` }];
        return list[0]!;
      },
    });
    const ctx = book();
    render(<Reading ctx={ctx} />);
    await settle();
    select('Stepping is the last resort.');
    fireEvent.click(screen.getByTestId('press-h'));
    await settle();
    expect(inputsOf('addAnnotation')[0]).toMatchObject({ color: 'pink', selection: { exact: 'Stepping is the last resort.' } });
    const mark = document.activeElement as HTMLElement;
    expect(mark.matches(`mark.annotation[data-annotation-id="${ID(1)}"]`)).toBe(true);
    fireEvent.keyDown(mark, { key: 'Enter' });
    await settle();
    const input = screen.getByTestId('popover-note-input');
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: 'Last *resort*' } });
    fireEvent.click(screen.getByTestId('popover-note-save'));
    await settle();
    expect(inputsOf('updateAnnotation')).toEqual([{ annotationId: ID(1), note: 'Last *resort*' }]);
    expect(screen.getByTestId('popover-note').innerHTML).toBe('<p>Last *resort*</p>');
    // Escape closes it and gives the focus back to the highlight.
    fireEvent.keyDown(document, { key: 'Escape' });
    await settle();
    expect(screen.queryByTestId('highlight-popover')).toBeNull();
    expect((document.activeElement as HTMLElement).dataset.annotationId).toBe(ID(1));
  });

  it('delete offers Undo, which restores the highlight; "Ask about this" asks about its words', async () => {
    let list = [annotation(1, 'centre of mass', { threadId: ID(9) }, 'review')];
    fakeMethods({
      listAnnotations: async () => list,
      deleteAnnotation: async () => {
        list = [];
        return { ok: true };
      },
      restoreAnnotation: async () => (list = [annotation(1, 'centre of mass')])[0]!,
    });
    const ctx = book();
    render(<Reading ctx={ctx} />);
    await settle();
    const mark = document.querySelector<HTMLElement>('mark.annotation')!;
    expect(mark.dataset.review).toBe('true');
    expect(mark.dataset.thread).toBe('true');
    fireEvent.click(mark);
    await settle();
    expect(screen.getByTestId('popover-review').textContent).toContain('60% match');
    expect(screen.getByTestId('popover-open-thread')).toBeTruthy();
    fireEvent.click(screen.getByTestId('popover-ask'));
    expect(takeQuestion()).toEqual({ question: 'centre of mass', annotationId: ID(1) });
    expect(ctx.openPanel).toHaveBeenCalledWith('ask');

    fireEvent.click(document.querySelector('mark.annotation')!);
    await settle();
    fireEvent.click(screen.getByTestId('popover-delete'));
    await settle();
    expect(document.querySelector('mark.annotation')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('undo-delete'));
    fireEvent.click(screen.getByTestId('undo-delete'));
    await settle();
    expect(inputsOf('restoreAnnotation')).toEqual([{ annotationId: ID(1) }]);
    expect(document.querySelector('mark.annotation')?.textContent).toBe('centre of mass');
    expect(screen.queryByTestId('undo-toast')).toBeNull();
  });
});

describe('the Notes panel', () => {
  const colorOf = (el: Element) => el.getAttribute('data-color') as HighlightColor;

  it('groups, filters by colour, searches notes, opens a highlight at its passage, and lists orphans apart', async () => {
    const list = [
      annotation(1, 'legged robot', { color: 'blue', note: 'walking', noteHtml: '<p>walking</p>' }),
      annotation(2, 'centre of mass', { color: 'green' }, 'review'),
      annotation(3, 'an old sentence', { note: 'gone', noteHtml: '<p>gone</p>' }, 'orphan'),
    ];
    fakeMethods({ listAnnotations: async () => list });
    const ctx = book();
    render(<Reading ctx={ctx} panel />);
    await settle();
    expect(screen.getAllByTestId('note-item').map(colorOf)).toEqual(['blue', 'green']);
    expect(screen.getByTestId('note-review').textContent).toContain('60%');
    expect(screen.getByTestId('orphan-item').textContent).toContain('an old sentence');
    expect(screen.getByTestId('orphan-item').textContent).toContain('gone');

    fireEvent.click(screen.getByTestId('notes-filter-green'));
    expect(screen.getAllByTestId('note-item').map(colorOf)).toEqual(['green']);
    expect(screen.queryByTestId('notes-orphans')).toBeNull();
    fireEvent.click(screen.getByTestId('notes-filter-green'));
    fireEvent.change(screen.getByTestId('notes-search'), { target: { value: 'WALKING' } });
    expect(screen.getAllByTestId('note-item').map(colorOf)).toEqual(['blue']);
    fireEvent.click(screen.getByTestId('note-open'));
    expect(ctx.goTo).toHaveBeenCalledWith('c1', { kind: 'annotation', annotationId: ID(1) });
  });

  it('re-attaches an orphan to newly selected text, and shows an import’s counts', async () => {
    let list = [annotation(3, 'an old sentence', {}, 'orphan')];
    const result: AnnotationsImportResult = { imported: 2, existing: 1, anchored: 1, review: 0, orphans: 1, skipped: [{ index: 3, reason: 'no selector' }] };
    fakeMethods({
      listAnnotations: async () => list,
      reattachAnnotation: async (input) => (list = [annotation(3, input.selection.exact)])[0]!,
      importAnnotations: async () => result,
    });
    render(<Reading ctx={book()} panel />);
    await settle();
    fireEvent.click(screen.getByTestId('orphan-reattach'));
    await settle();
    expect(screen.getByTestId('reattach-bar')).toBeTruthy();
    select('its feet');
    await settle();
    expect(screen.queryByTestId('highlight-yellow')).toBeNull();
    fireEvent.click(screen.getByTestId('reattach-here'));
    await settle();
    expect(inputsOf('reattachAnnotation')[0]).toMatchObject({ annotationId: ID(3), selection: { chapterId: 'c1', exact: 'its feet' } });
    expect(screen.queryByTestId('reattach-bar')).toBeNull();
    expect(document.querySelector(`mark.annotation[data-annotation-id="${ID(3)}"]`)?.textContent).toBe('its feet');

    const file = new File(['{"type":"AnnotationCollection"}'], 'notes.json', { type: 'application/json' });
    fireEvent.change(screen.getByTestId('notes-import-file'), { target: { files: [file] } });
    await settle();
    expect(inputsOf('importAnnotations')).toEqual([{ bookId: 'b1', content: '{"type":"AnnotationCollection"}' }]);
    expect(screen.getByTestId('notes-import-result').textContent).toBe('Import: 2 imported, 1 already here, 1 placed, 0 to review, 1 orphans, 1 skipped.');
  });

  it('reloads when the engine says the book’s highlights changed', async () => {
    let list: Annotation[] = [];
    fakeMethods({ listAnnotations: async () => list });
    render(<Reading ctx={book()} panel />);
    await settle();
    expect(screen.queryAllByTestId('note-item')).toHaveLength(0);
    list = [annotation(1, 'legged robot')];
    act(() => emit('annotationsChanged', { bookId: 'b1' }));
    await settle();
    expect(screen.getAllByTestId('note-item')).toHaveLength(1);
    expect([...document.querySelectorAll('mark.annotation')].map((m) => m.textContent).join('')).toBe('legged robot');
  });
});
