// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TocEntry, TocLink } from '../../../electron/core/contract.js';
import { Toc } from './Toc.js';

const chapter = (order: number, title: string, parents: string[] = []): TocEntry => ({ id: `c${order}`, title, file: `docs/${order}.md`, depth: parents.length, order, parents });
const link = (title: string, afterOrder: number, parents: string[] = []): TocLink => ({ title, href: `https://${title.toLowerCase()}.example.org/`, afterOrder, depth: parents.length, parents });

afterEach(cleanup);

describe('Toc', () => {
  it('shows web links among the chapters where the sidebar put them, opening outside the reader', () => {
    render(
      <Toc
        bookId="b"
        currentId="c0"
        entries={[chapter(0, 'Intro'), chapter(1, 'Setup', ['Basics']), chapter(2, 'Motors', ['Basics'])]}
        links={[link('Home', -1), link('Forum', 1, ['Basics'])]}
      />,
    );
    const items = within(screen.getByTestId('toc-list')).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Home (opens outside the reader)', 'Intro', 'Basics', 'Setup', 'Forum (opens outside the reader)', 'Motors']);
    const forum = screen.getByRole('link', { name: /Forum/ });
    expect(forum.getAttribute('href')).toBe('https://forum.example.org/');
    expect(forum.getAttribute('target')).toBe('_blank');
    expect(forum.getAttribute('rel')).toContain('noopener');
  });

  it('without links it lists only the chapters', () => {
    render(<Toc bookId="b" currentId={null} entries={[chapter(0, 'Intro')]} links={[]} />);
    expect(screen.queryAllByTestId('toc-link')).toEqual([]);
    expect(screen.getAllByTestId('toc-entry')).toHaveLength(1);
  });
});
