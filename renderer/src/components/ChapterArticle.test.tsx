// @vitest-environment happy-dom
import '../../test/fake-reader.js';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChapterView } from '../../../electron/core/contract.js';
import { ChapterArticle, type Place } from './ChapterArticle.js';
import { LONG_CHAPTER_HTML, windowFilledByFirstPart } from '../../test/progressive-chapter.js';

const chapter: ChapterView = {
  bookId: 'book-1', id: 'ch1', title: 'Sensors', file: 'ch1.md', html: LONG_CHAPTER_HTML, outline: [], prevId: null, nextId: null, position: 0,
};

let restoreWindow: () => void;
beforeEach(() => {
  // happy-dom has no FontFaceSet; the landing waits for fonts to re-land.
  if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: { ready: Promise.resolve() }, configurable: true });
  restoreWindow = windowFilledByFirstPart();
});
afterEach(() => {
  cleanup();
  restoreWindow();
});

function open() {
  const scroller = createRef<HTMLDivElement>();
  render(
    <main>
      <input aria-label="Search terms" data-testid="elsewhere" />
      <div ref={scroller}>
        <ChapterArticle
          chapter={chapter}
          bookTitle="Robots"
          landing={null}
          scroller={scroller}
          placeRef={createRef<(() => Place) | null>() as { current: (() => Place) | null }}
          onPlaceReady={() => undefined}
          savePosition={async () => undefined}
          onChapterLink={() => undefined}
        />
      </div>
    </main>,
  );
}

const whole = () => act(() => new Promise((resolve) => setTimeout(resolve, 300)));

describe('focus when a chapter opens in parts', () => {
  it('lands on the chapter heading once the chapter is whole', async () => {
    open();
    expect(document.querySelectorAll('h2').length).toBeLessThan(400);
    await whole();
    expect(document.querySelectorAll('h2')).toHaveLength(400);
    expect(document.activeElement?.textContent).toBe('Sensors');
  });

  it('leaves focus where the reader put it before the chapter was whole (search opened at once, say)', async () => {
    open();
    screen.getByTestId('elsewhere').focus();
    await whole();
    expect(document.querySelectorAll('h2')).toHaveLength(400);
    expect(document.activeElement).toBe(screen.getByTestId('elsewhere'));
  });
});
