import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMdxBook } from './mdx-book.js';
import { createReaderCore } from '../../electron/core/reader-core.js';
const book = mkdtempSync(join(tmpdir(), 'mdxbook-')); writeMdxBook(book);
const core = createReaderCore({ dataDir: mkdtempSync(join(tmpdir(), 'mdxdata-')), indexOnImport: false });
let t = performance.now();
const r = await core.importBook({ dir: book });
console.log('first', performance.now() - t, r.chapterCount, r.failed, JSON.stringify(r.report).slice(0, 400));
for (let k = 0; k < 3; k++) { t = performance.now(); const a = await core.importBook({ dir: book }); console.log('again', performance.now() - t, a.unchanged); }
console.log((await core.getToc({ bookId: r.bookId })).slice(0, 3));
await core.close();
