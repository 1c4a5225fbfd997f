// @vitest-environment happy-dom
import { fakeMethods, inputsOf } from '../../test/fake-reader.js';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BookImported, ImportReport, ImportResult } from '../../../electron/core/contract.js';
import { ImportForm } from './ImportForm.js';

const emptyReport = (): ImportReport => ({
  order: 'sidebars.js',
  notes: [],
  notInSidebar: [],
  excluded: [],
  mdxFallbacks: [],
  unknownComponents: [],
  unresolvedLinks: [],
  unresolvedImages: [],
  warnings: [],
});
const book = (title: string, chapterCount: number, report: Partial<ImportReport>, more: Partial<BookImported> = {}): BookImported => ({
  bookId: title.toLowerCase().replace(/\W+/g, '-'),
  title,
  chapterCount,
  added: chapterCount,
  updated: 0,
  removed: 0,
  unchanged: 0,
  skipped: [],
  failed: [],
  report: { ...emptyReport(), ...report },
  ...more,
});

afterEach(cleanup);

async function importFolder(result: ImportResult) {
  fakeMethods({ importBook: async () => result });
  const onImported = vi.fn();
  render(<ImportForm onImported={onImported} />);
  fireEvent.change(screen.getByTestId('import-path'), { target: { value: '/books/course' } });
  fireEvent.click(screen.getByTestId('import-submit'));
  await waitFor(() => expect(onImported).toHaveBeenCalledOnce());
  expect(inputsOf('importBook')).toEqual([{ dir: '/books/course' }]);
}

describe('import summary', () => {
  it('shows a short line, and every report section on demand with file paths as text', async () => {
    const result: ImportResult = {
      ...book('Robot Course', 84, {
        warnings: ['one thing', 'another', 'a third'],
        unresolvedLinks: [
          { file: 'docs/a.md', target: 'gone.md' },
          { file: 'docs/b.md', target: 'https://example.invalid/<x>' },
        ],
        notInSidebar: ['docs/lost.md'],
        unknownComponents: [{ name: 'Quiz', files: ['docs/a.md', 'docs/b.md'] }],
        notes: ['the site config could not be read: defaults used'],
      }),
      moreBooks: [],
    };
    await importFolder(result);
    expect(screen.getByTestId('import-summary-line').textContent).toBe(
      'Imported “Robot Course”: 84 chapters; 3 warnings, 2 unresolved links, 1 unknown component, 1 page in no sidebar.',
    );
    const details = screen.getByTestId('import-details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    fireEvent.click(within(details).getByText('Details of “Robot Course”'));
    const links = within(details).getByRole('region', { name: 'Unresolved links' });
    expect(within(links).getByRole('heading').textContent).toBe('Unresolved links (2)');
    expect(within(links).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['docs/a.md: gone.md', 'docs/b.md: https://example.invalid/<x>']);
    // Paths are text: nothing in the details is a link to follow.
    expect(details.querySelectorAll('a')).toHaveLength(0);
    expect(within(details).getByRole('region', { name: 'Warnings' }).textContent).toContain('a third');
    expect(within(details).getByRole('region', { name: 'Unknown components (shown as their content)' }).textContent).toContain('<Quiz> in docs/a.md, docs/b.md');
    expect(within(details).getByRole('region', { name: 'Unresolved images' }).textContent).toBe('Unresolved images (0)None.');
    expect(details.textContent).toContain('Reading order from: sidebars.js.');
  });

  it('says nothing more than the chapters for a clean import, and shows each further book of the folder', async () => {
    const result: ImportResult = {
      ...book('Guide', 12, {}),
      moreBooks: [book('Community', 5, {}, { failed: [{ file: 'community/x.md', reason: 'it took too long' }], skipped: [{ file: 'big.md', reason: 'too big' }] })],
    };
    await importFolder(result);
    expect(screen.getAllByTestId('import-summary-line').map((p) => p.textContent)).toEqual([
      'Imported “Guide”: 12 chapters.',
      'Imported “Community”: 5 chapters; 1 chapter could not be rendered, 1 file skipped.',
    ]);
    const [, community] = screen.getAllByTestId('import-details');
    expect(within(community!).getByRole('region', { name: 'Chapters that could not be rendered' }).textContent).toContain('community/x.md: it took too long');
  });

  it('shows a failed import as an alert', async () => {
    fakeMethods({ importBook: async () => Promise.reject(new Error('Not a folder: /nope')) });
    render(<ImportForm onImported={() => {}} />);
    fireEvent.change(screen.getByTestId('import-path'), { target: { value: '/nope' } });
    fireEvent.click(screen.getByTestId('import-submit'));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByTestId('import-summary')).toBeNull();
  });
});
