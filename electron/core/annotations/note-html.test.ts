import { describe, expect, it } from 'vitest';
import { noteToHtml } from './note-html.js';

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

describe('noteToHtml', () => {
  it('keeps http(s) and mailto links, opened outside the reader', () => {
    const html = noteToHtml('[a](https://example.org/x) and [b](mailto:me@example.org)');
    expect(hrefs(html)).toEqual(['https://example.org/x', 'mailto:me@example.org']);
    expect(html).toContain('target="_blank"');
  });

  it('drops scripts, raw HTML, images and links to other schemes', () => {
    for (const note of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '![i](https://example.org/p.png)', '[x](javascript:alert(1))', '<javascript:alert(1)>', '[x](data:text/html,hi)', '[x][r]\n\n[r]: javascript:alert(1)']) {
      const html = noteToHtml(note);
      expect(html, note).not.toMatch(/<script|<img|onerror/i);
      expect(hrefs(html), note).toEqual([]);
    }
  });

  // A relative or scheme-relative link resolves against the page that shows the note (the app's own origin, or
  // file://host/… = a network share from a file: page), not to a web page: only absolute http(s)/mailto go out.
  it('drops relative and scheme-relative links', () => {
    for (const note of ['[x](//evil.example/share)', '[x](/etc/passwd)', '[x](../secrets)', '[x](#top)', '[x](?book=other)', '[x](\\\\evil.example\\share)']) {
      expect(hrefs(noteToHtml(note)), note).toEqual([]);
    }
  });
});
