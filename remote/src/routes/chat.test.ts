import { describe, expect, it } from 'vitest';
import { citedPassages } from './chat.js';

describe('citedPassages', () => {
  const passages = [
    { id: 'a', title: 'A', text: '.' },
    { id: 'b', title: 'B', text: '.' },
  ];
  it('lists the cited passages in order of first use, ignoring numbers that name no passage', () => {
    expect(citedPassages('x [2] y [1] z [2] w [3] v [0]', passages)).toEqual([
      { n: 2, id: 'b' },
      { n: 1, id: 'a' },
    ]);
    expect(citedPassages('no citations', passages)).toEqual([]);
  });
});
