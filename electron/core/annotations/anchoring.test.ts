import { describe, expect, it } from 'vitest';
import { anchorInText, describeRange, MIN_SCORE } from './anchoring.js';
import { BookText } from './anchor-in-book.js';

// Two editions of a made-up chapter on calibrating a robot arm (our own words).
const FIRST = [
  'Before the arm moves, every joint needs a known zero. The encoder reports ticks, not angles, so we record the tick count at a marked pose.',
  'Calibration takes about ten minutes. Place the arm against the hard stops, then run the homing routine and write the offsets to the controller.',
  'If the offsets drift after a collision, repeat the homing routine before the next run. A wrong zero makes every later pose wrong by the same angle.',
].join('\n\n');

const offsetOf = (text: string, words: string, from = 0) => {
  const i = text.indexOf(words, from);
  if (i < 0) throw new Error(`fixture lacks "${words}"`);
  return i;
};

function highlight(text: string, words: string, from = 0) {
  const start = offsetOf(text, words, from);
  return describeRange(text, start, start + words.length);
}

describe('anchoring a highlight in a new edition', () => {
  const target = 'run the homing routine and write the offsets to the controller';

  it('unchanged text: the position reproduces the quote', () => {
    const sel = highlight(FIRST, target);
    expect(anchorInText(FIRST, sel)).toEqual({ start: sel.position.start, end: sel.position.end, score: 1, how: 'position', parts: { quote: 1, prefix: 1, suffix: 1 } });
  });

  it('a sentence inserted before: found by quote at its new place, with full confidence', () => {
    const sel = highlight(FIRST, target);
    const second = FIRST.replace('Calibration takes', 'Wear gloves near the gearbox. Calibration takes');
    const a = anchorInText(second, sel)!;
    expect(a.how).toBe('quote');
    expect(second.slice(a.start, a.end)).toBe(target);
    expect(a.score).toBeGreaterThan(0.95);
  });

  it('the passage reworded slightly: lands on the reworded words, with a lower score', () => {
    const sel = highlight(FIRST, target);
    const second = FIRST.replace(target, 'run the homing routine and save the offsets in the controller');
    const a = anchorInText(second, sel)!;
    expect(second.slice(a.start, a.end)).toBe('run the homing routine and save the offsets in the controller');
    expect(a.score).toBeLessThan(0.95);
    expect(a.score).toBeGreaterThanOrEqual(MIN_SCORE);
  });

  it('the passage deleted: no anchor (an orphan)', () => {
    const sel = highlight(FIRST, 'A wrong zero makes every later pose wrong by the same angle.');
    const second = FIRST.replace('A wrong zero makes every later pose wrong by the same angle.', '');
    expect(anchorInText(second, sel)).toBeNull();
  });

  it('a short quote repeated many times: the context and old position decide which one', () => {
    // "the" occurs many times; highlight the one in "repeat the homing routine".
    const start = offsetOf(FIRST, 'the homing routine before') ;
    const sel = describeRange(FIRST, start, start + 3);
    const second = `Read this page twice. ${FIRST}`;
    const a = anchorInText(second, sel)!;
    expect(a.start).toBe(offsetOf(second, 'the homing routine before'));
    expect(a.end - a.start).toBe(3);
  });

  it('a short quote in two identical passages: the old position decides', () => {
    const line = 'Tighten the bolt, then check the bolt again.';
    const first = `${line}\n\n${'Filler words about nothing much. '.repeat(20)}\n\n${line}`;
    const start = first.lastIndexOf('the bolt again');
    const sel = describeRange(first, start, start + 3);
    const second = `Note. ${first}`;
    const a = anchorInText(second, sel)!;
    expect(a.start).toBe(second.lastIndexOf('the bolt again'));
  });

  it('whitespace and markup changes (re-wrapped lines, a word made bold) do not matter', () => {
    const sel = highlight(FIRST, target);
    // The plain text of "run the **homing** routine" re-wrapped at a narrow width.
    const second = FIRST.replace(target, 'run the  homing\nroutine and write the offsets\n  to the controller');
    const a = anchorInText(second, sel)!;
    expect(second.slice(a.start, a.end)).toBe('run the  homing\nroutine and write the offsets\n  to the controller');
    expect(a.score).toBeGreaterThan(0.95);
  });

  it('refuses an empty or out-of-range selection', () => {
    expect(() => describeRange(FIRST, 5, 5)).toThrow(RangeError);
    expect(() => describeRange(FIRST, 0, FIRST.length + 1)).toThrow(RangeError);
  });
});

describe('anchoring across the book', () => {
  const safety = 'Keep one hand near the emergency stop while the arm homes. Never reach inside the fence while it is powered.';

  it('a paragraph moved to another chapter follows it there', () => {
    const sel = highlight(`${FIRST}\n\n${safety}`, 'Never reach inside the fence while it is powered.');
    const book = new BookText([
      { id: 'calibration', text: FIRST },
      { id: 'safety', text: `Safety first.\n\n${safety}` },
    ]);
    const a = book.anchor(sel, 'calibration')!;
    expect(a.chapterId).toBe('safety');
    expect(book.chapters[1]!.text.slice(a.start, a.end)).toBe('Never reach inside the fence while it is powered.');
  });

  it('stays in its own chapter when it matches well there, even if another chapter has the same words', () => {
    const sel = highlight(FIRST, 'repeat the homing routine');
    const book = new BookText([
      { id: 'calibration', text: FIRST },
      { id: 'faq', text: 'Q: What now? A: repeat the homing routine.' },
    ]);
    expect(book.anchor(sel, 'calibration')!.chapterId).toBe('calibration');
  });

  it('nowhere in the book: null', () => {
    const sel = highlight(FIRST, 'Calibration takes about ten minutes.');
    const book = new BookText([{ id: 'calibration', text: 'A different chapter about wheels and tyres entirely.' }]);
    expect(book.anchor(sel, 'calibration')).toBeNull();
  });
});

describe('cost', () => {
  // A word that occurs thousands of times, highlighted often, after an edition changed every context: each
  // occurrence's context used to be scored approximately (~1 s per highlight here).
  it('re-anchoring short quotes repeated thousands of times stays fast and still follows the context', () => {
    const parts: string[] = [];
    for (let i = 0; i < 5000; i++) parts.push(`the part${i}`);
    const text = parts.join(' ');
    const book = new BookText([{ id: 'c1', text }]);
    const started = Date.now();
    for (let n = 0; n < 100; n++) {
      const k = 37 * n + 11;
      // The old position is far off and the prefix changed; the suffix still says which "the" it was.
      const a = book.anchor(
        { quote: { type: 'TextQuoteSelector', exact: 'the', prefix: `zzzz zzzz zzzz zzzz zzzz zz ${n}`, suffix: ` part${k} the part${k + 1}` }, position: { type: 'TextPositionSelector', start: 1, end: 4 } },
        'c1',
      );
      expect(a?.start).toBe(text.indexOf(`the part${k} `));
    }
    expect(Date.now() - started).toBeLessThan(5000);
  }, 60_000);
});
