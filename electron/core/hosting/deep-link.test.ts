import { describe, expect, it } from 'vitest';
import { deepLinkInArgs, deepLinkRoute, parseDeepLink } from './deep-link.js';

const ID = '0b5e7c7e-4b1e-4c1a-9a43-2f6a4e1b9c10';

describe('parseDeepLink', () => {
  it('reads the book, chapter and highlight of our links', () => {
    expect(parseDeepLink(`physical-ai-reader://open?book=b1&chapter=c%2F2&annotation=${ID}`)).toEqual({ bookId: 'b1', chapterId: 'c/2', annotationId: ID });
    expect(parseDeepLink('physical-ai-reader://open?book=b1')).toEqual({ bookId: 'b1', chapterId: null, annotationId: null });
  });

  it('refuses other schemes, other actions, unknown or repeated parameters, and odd sizes', () => {
    for (const bad of [
      `https://open?book=b1`,
      `physical-ai-reader://delete?book=b1`,
      `physical-ai-reader://open/x?book=b1`,
      `physical-ai-reader://open?book=b1&file=/etc/passwd`,
      `physical-ai-reader://open?book=b1&book=b2`,
      `physical-ai-reader://open?chapter=c1`,
      `physical-ai-reader://open?book=b1&annotation=not-a-uuid`,
      `physical-ai-reader://open?book=${'x'.repeat(201)}`,
      `physical-ai-reader://open?book=b1&chapter=`,
      `physical-ai-reader://u:p@open?book=b1`,
      `physical-ai-reader://open?book=b1#x`,
      `physical-ai-reader://open?book=b1&chapter=${'c'.repeat(990)}`,
      'not a url',
    ]) {
      expect(parseDeepLink(bad), bad).toBeNull();
    }
  });

  it('finds a link among arguments and makes the page route', () => {
    const link = `physical-ai-reader://open?book=b1&annotation=${ID}`;
    expect(deepLinkInArgs(['/usr/bin/reader', '--no-sandbox', link])).toBe(link);
    expect(deepLinkInArgs(['/usr/bin/reader', 'physical-ai-reader://evil?x=1'])).toBeNull();
    expect(deepLinkRoute(link)).toBe(`#/link?u=${encodeURIComponent(link)}`);
  });
});
