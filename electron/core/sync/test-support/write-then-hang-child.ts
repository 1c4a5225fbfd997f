/** Child process for the kill -9 test: saves a bookmark (and with it its outbox row), says so, then waits to be killed. */
import { LibraryStore } from '../../library/store/library-store.js';

const [dbPath, bookId, chapterId] = process.argv.slice(2);
const store = new LibraryStore(dbPath!);
const b = store.addBookmark({ bookId: bookId!, chapterId: chapterId!, position: 0.25, anchor: null, label: 'written before the crash' });
process.stdout.write(`${b.id}\n`);
setInterval(() => undefined, 60_000);
