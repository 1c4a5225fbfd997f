/** Child process for the kill -9 test: keeps asking into threads as fast as it can, reporting each kept turn on stdout. */
import { randomUUID } from 'node:crypto';
import { LibraryStore } from '../../library/store/library-store.js';
import { createAskHistory } from '../ask-history.js';
import { createAnnotations } from '../../annotations/annotation-methods.js';

const [dbPath, bookId] = process.argv.slice(2);
const store = new LibraryStore(dbPath!);
const history = createAskHistory(store, createAnnotations(store, () => {}).placement, () => {});
let threadId = randomUUID();
for (let n = 1; ; n++) {
  if (n % 5 === 0) threadId = randomUUID();
  history.record({ bookId: bookId!, threadId, question: `Question ${n}?`, answer: `Answer ${n} [1].`.repeat(20), passages: [], mode: 'offline', model: null });
  if (n % 3 === 0) await history.methods.renameAskThread({ threadId, title: `Renamed ${n}` });
  process.stdout.write(`${n}\n`);
}
