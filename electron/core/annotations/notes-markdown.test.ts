/** The Markdown export read back as Markdown: whatever a note or quote holds, the document keeps its outline and every entry its link. */
import type { Heading, Link, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../contract.js';
import { parseDeepLink } from '../hosting/deep-link.js';
import { notesToMarkdown } from './notes-markdown.js';

const BOOK = 'book-1';

function highlight(n: number, note: string, exact = `words number ${n}`, orphan = false): Annotation {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const quote = { type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' };
  return {
    id,
    bookId: BOOK,
    color: 'yellow',
    note,
    noteHtml: '',
    target: { chapterId: 'ch', file: 'docs/ch.md', quote, position: { type: 'TextPositionSelector', start: 0, end: exact.length }, sectionPath: ['Chapter'], contentHash: '' },
    anchor: orphan
      ? { status: 'orphan', chapterId: null, chapterTitle: null, start: 0, end: 0, score: 0, exact: '', sectionAnchor: '' }
      : { status: 'anchored', chapterId: 'ch', chapterTitle: 'Chapter', start: 0, end: exact.length, score: 1, exact, sectionAnchor: '' },
    threadId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function outline(md: string) {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(md) as Root;
  const headings = tree.children.filter((c): c is Heading => c.type === 'heading' && c.depth <= 2).map((h) => `${h.depth}:${h.children.map((c) => ('value' in c ? c.value : '')).join('')}`);
  const links: string[] = [];
  visit(tree, 'link', (l: Link) => {
    const target = parseDeepLink(l.url);
    if (target?.annotationId) links.push(target.annotationId);
  });
  return { headings, links };
}

describe('notesToMarkdown', () => {
  it('a note or quote cannot add headings, swallow later entries or take over their links', () => {
    const hostile = [
      '```\nan unclosed fence',
      '~~~~\nanother, of tildes',
      '# Orphans\n\n## A fake chapter',
      'A setext heading\n===',
      'Another\n---',
      '<!-- an unclosed comment',
      '<pre>\nan unclosed pre',
      '<script>\nnever closed',
      '<?php open',
      '<![CDATA[ open',
      '<!DOCTYPE open',
      'Line one\r# a heading after a lone CR',
      '[Open in the reader]: javascript:alert(1)',
    ];
    const list = hostile.map((note, i) => highlight(i + 1, note));
    list.push(highlight(90, '', 'a quote\r# with a heading after a lone CR', true), highlight(91, 'a plain note at the end'));
    const { headings, links } = outline(notesToMarkdown('The book', BOOK, list));
    expect(headings).toEqual(['1:The book', '2:Chapter', '2:Orphans']);
    expect(links.sort()).toEqual(list.map((a) => a.id).sort());
  });

  it('plain notes stay as typed', () => {
    const md = notesToMarkdown('The book', BOOK, [highlight(1, 'Line 1\n\nLine 2 with **bold** and a [link](https://example.org)')]);
    expect(md).toContain('Line 1\n\nLine 2 with **bold** and a [link](https://example.org)');
  });
});
