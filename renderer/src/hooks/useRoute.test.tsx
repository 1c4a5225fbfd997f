// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useRoute } from './useRoute.js';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '#/');
});

/** Sets the hash and sends one of the two events Chromium sends for it (it sends popstate first, then hashchange). */
function go(hash: string, event: 'popstate' | 'hashchange'): void {
  window.history.replaceState(null, '', hash);
  window.dispatchEvent(new Event(event));
}

describe('useRoute', () => {
  it('follows the hash on popstate or on hashchange, whichever comes first, and renders once for both', () => {
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return useRoute();
    });
    expect(result.current).toEqual({ view: 'library' });
    act(() => go('#/book/b1/c1', 'popstate'));
    expect(result.current).toEqual({ view: 'book', bookId: 'b1', chapterId: 'c1' });
    const after = renders;
    const route = result.current;
    act(() => {
      window.dispatchEvent(new Event('hashchange'));
    });
    expect(result.current).toBe(route);
    expect(renders).toBe(after);
    act(() => go('#/book/b1/c2', 'hashchange'));
    expect(result.current).toEqual({ view: 'book', bookId: 'b1', chapterId: 'c2' });
  });

  it('keeps the route on an in-page anchor, and takes a route set before it listened', () => {
    window.history.replaceState(null, '', '#/book/b1');
    const { result } = renderHook(() => useRoute());
    expect(result.current).toEqual({ view: 'book', bookId: 'b1', chapterId: null });
    act(() => go('#section-2', 'hashchange'));
    expect(result.current).toEqual({ view: 'book', bookId: 'b1', chapterId: null });
    act(() => go('#/book/b1/c1', 'hashchange'));
    expect(result.current).toEqual({ view: 'book', bookId: 'b1', chapterId: 'c1' });
  });
});
