/**
 * Child process for the kill-during-write test: adds and edits highlights in a loop, reporting each on stdout,
 * until it is killed. Every note says which write it was, so the parent can check each record is whole.
 */
import { createReaderCore } from '../../reader-core.js';
import { select } from './annotated-book.js';

const [dataDir, bookId] = process.argv.slice(2);
const core = createReaderCore({ dataDir: dataDir!, indexOnImport: false });
const words = ['Every joint needs a known zero', 'homing routine', 'the emergency stop', 'every later pose'];
const selections = await Promise.all(words.map((w) => select(core, bookId!, 'docs/calibration.md', w)));
for (let i = 0; ; i++) {
  const a = await core.addAnnotation({ bookId: bookId!, selection: selections[i % selections.length]!, color: 'blue', note: `write ${i} ${'x'.repeat(2000)}` });
  await core.updateAnnotation({ annotationId: a.id, note: `write ${i} edited ${'y'.repeat(2000)}`, color: 'green' });
  process.stdout.write(`wrote ${i}\n`);
}
