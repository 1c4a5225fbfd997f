/**
 * File > Import Book: a native folder picker, then the core's importBook; the outcome is reported in a dialog with
 * the same summary as the library page and `reader check` (the short line, then every report section).
 */
import { dialog, type BrowserWindow } from 'electron';
import { ReaderError, type ReaderCoreMethods } from '../core/contract.js';
import { reportLines, summaryLine } from '../core/library/import-report-text.js';
import { logger } from '../core/logging/program-log.js';

export async function importBookFromDialog(core: ReaderCoreMethods, win: BrowserWindow | null): Promise<void> {
  const options = {
    title: 'Import a book folder',
    buttonLabel: 'Import',
    message: 'Choose a Docusaurus, Markdown or MDX book folder',
    properties: ['openDirectory' as const],
  };
  const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const dir = picked.filePaths[0];
  if (picked.canceled || !dir) return;
  try {
    const result = await core.importBook({ dir });
    const books = [result, ...result.moreBooks];
    const box = {
      type: 'info' as const,
      message: books.map((b) => `Imported “${b.title}”: ${summaryLine(b)}`).join('\n'),
      detail: books.flatMap((b) => [`${b.title} (${b.added} new, ${b.updated} updated, ${b.removed} removed)`, ...reportLines(b), '']).join('\n'),
    };
    if (win) await dialog.showMessageBox(win, box);
    else await dialog.showMessageBox(box);
  } catch (err) {
    const detail = err instanceof ReaderError ? err.message : 'The folder could not be imported.';
    if (!(err instanceof ReaderError)) logger('import').error('importing from the menu failed', { error: err });
    dialog.showErrorBox('Import failed', detail);
  }
}
