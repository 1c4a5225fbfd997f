import { describe, expect, it } from 'vitest';
import { markdownNoteToHtml, noteToHtml } from './note-html.js';

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

  // The plain-prose shortcut must give exactly what the pipeline gives, on prose and on everything near it that
  // Markdown treats as syntax (lists, headings, links, autolinks, emphasis, entities, breaks).
  it('gives the same HTML with and without the plain-prose shortcut', () => {
    const samples = [
      'hello world', 'a  b', "it's \"quoted\" (x) - y: z; 50% a/b!", 'Ça va? naïve café', 'x. y', 'Ünïcödé — dash',
      'www.foo.com', 'see www.example.org now', 'go to http://example.org', 'a@b.co', 'mail me@example.org', '1. x', '1) x',
      '- item', '+ item', '# title', '> quote', '*em*', '_em_', 'a_b_c', '**b**', '~~s~~', '`c`', 'a &amp; b', 'a < b',
      'line one\nline two', 'trailing two  ', '    indented', 'tab\there', 'Setext\n===', 'a | b', 'ends with -', 'ß 漢字 😀',
      '[link](https://example.org)', 'x [y] z', 'https://example.org', 'Note: see p. 4 (fig. 2)!', 'e-mail a/b/c',
    ];
    // Plus random strings over the shortcut's alphabet and a few syntax characters.
    const alphabet = [...'abcXYZé漢 ,.;:\'"?!()%/-1290*_#>[]<&w\n'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 3000; i++) samples.push(Array.from({ length: 1 + rand(24) }, () => alphabet[rand(alphabet.length)]).join(''));
    for (const s of samples) expect(noteToHtml(s), JSON.stringify(s)).toBe(markdownNoteToHtml(s));
  });
});
