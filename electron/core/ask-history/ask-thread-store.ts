/**
 * Ask threads in the library database (tables from migration 4): a thread per conversation with the book, its
 * messages written once and never edited. Deleting marks the thread and its messages with a tombstone (the sync
 * issue builds on it); every read skips tombstoned rows. Each write is one SQLite transaction, so a crash leaves
 * either the whole turn or none of it.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ReaderError, type AskMessage, type AskThreadSummary, type TextTarget } from '../contract.js';
import { bookKeyOf, enqueue } from '../sync/outbox.js';

/** Thread titles are the first question, cut to this many characters, until the reader renames them. */
export const TITLE_CHARS = 80;
/** Most threads one listing returns (newest first). */
export const LIST_LIMIT = 200;

/** A cited passage as kept: where it was, and its selectors (null when its text was not found in the chapter). */
export interface StoredCitation {
  n: number;
  chapterTitle: string;
  heading: string;
  target: TextTarget | null;
}

export interface NewAskTurn {
  threadId: string;
  bookId: string;
  /** The highlight a new thread is started from (ignored when the thread exists). */
  annotationId?: string | undefined;
  question: string;
  answer: string;
  citations: StoredCitation[];
  mode: 'offline' | 'online';
  model: string | null;
}

export type StoredAskMessage = Omit<AskMessage, 'citations'> & { citations: StoredCitation[] };

interface ThreadRow {
  id: string;
  book_id: string;
  title: string;
  annotation_id: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  message_count: number;
  last_mode: string | null;
}

interface MessageRow {
  id: string;
  question: string;
  answer: string;
  citations: string;
  mode: string;
  model: string | null;
  created_at: string;
}

const SUMMARY_COLUMNS = `t.id, t.book_id, t.title, t.annotation_id, t.created_at, t.updated_at, t.deleted_at,
  (SELECT COUNT(*) FROM ask_messages m WHERE m.thread_id = t.id AND m.deleted_at IS NULL) AS message_count,
  (SELECT m.mode FROM ask_messages m WHERE m.thread_id = t.id AND m.deleted_at IS NULL ORDER BY m.created_at DESC, m.rowid DESC LIMIT 1) AS last_mode`;

/** Last asked into first; writes in the same millisecond share a time, so the latest message breaks the tie. */
const NEWEST_FIRST = 't.updated_at DESC, (SELECT MAX(m.rowid) FROM ask_messages m WHERE m.thread_id = t.id) DESC, t.rowid DESC';

const mode = (m: string | null): 'offline' | 'online' => (m === 'online' ? 'online' : 'offline');

function toSummary(r: ThreadRow): AskThreadSummary {
  return {
    id: r.id,
    bookId: r.book_id,
    title: r.title,
    annotationId: r.annotation_id,
    messageCount: r.message_count,
    lastMode: mode(r.last_mode),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The first question as a title: one line, at most TITLE_CHARS characters (an ellipsis marks a cut). */
export function titleOf(question: string): string {
  const line = question.replace(/\s+/g, ' ').trim();
  return line.length <= TITLE_CHARS ? line : `${line.slice(0, TITLE_CHARS - 1).trimEnd()}…`;
}

/**
 * A message as synced. The service keeps a citation as its number and an id of at most 200 characters, so the
 * passage is carried as JSON there when it fits (most do), else by its chapter title and heading only.
 */
export function messageData(threadId: string, m: StoredAskMessage): Record<string, unknown> {
  const citations = m.citations.slice(0, 50).map((c) => {
    const whole = JSON.stringify(c);
    return { n: c.n, id: whole.length <= 200 ? whole : JSON.stringify({ n: c.n, chapterTitle: c.chapterTitle.slice(0, 60), heading: c.heading.slice(0, 60), target: null }) };
  });
  return { threadId, question: m.question.slice(0, 4000), answer: m.answer.slice(0, 32_000), citations, mode: m.mode, model: (m.model ?? '').slice(0, 100), createdAt: m.createdAt };
}

/** `%`, `_` and the escape character itself match literally. */
const likePattern = (query: string) => `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class AskThreadStore {
  constructor(private readonly db: Database.Database) {}

  private row(threadId: string): ThreadRow | undefined {
    return this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM ask_threads t WHERE t.id = ?`).get(threadId) as ThreadRow | undefined;
  }

  private live(threadId: string): ThreadRow {
    const r = this.row(threadId);
    if (!r || r.deleted_at) throw new ReaderError('not_found', 'That conversation no longer exists.');
    return r;
  }

  /**
   * Checks that a question may go into this thread: a new id, or a live thread of the same book. Returns whether
   * the thread is new. Asked before answering, so a wrong thread id costs no search.
   */
  checkThread(threadId: string, bookId: string): { isNew: boolean } {
    const r = this.row(threadId);
    if (!r) return { isNew: true };
    if (r.deleted_at) throw new ReaderError('not_found', 'That conversation was deleted; start a new one.');
    if (r.book_id !== bookId) throw new ReaderError('invalid_input', 'That conversation belongs to another book.', { field: 'threadId' });
    return { isNew: false };
  }

  /**
   * Throws unless the highlight a new thread starts from is a live one of this book: the thread would otherwise
   * point the panel at a highlight it cannot show, and no highlight would show the thread.
   */
  checkAnnotation(annotationId: string, bookId: string): void {
    const r = this.db.prepare('SELECT book_id FROM annotations WHERE id = ? AND deleted_at IS NULL').get(annotationId) as { book_id: string } | undefined;
    if (!r) throw new ReaderError('not_found', 'That highlight no longer exists.', { field: 'annotationId' });
    if (r.book_id !== bookId) throw new ReaderError('invalid_input', 'That highlight belongs to another book.', { field: 'annotationId' });
  }

  /** Keeps one question and its answer, creating the thread on its first question. */
  append(turn: NewAskTurn): { created: boolean; message: StoredAskMessage } {
    return this.db.transaction(() => {
      const { isNew } = this.checkThread(turn.threadId, turn.bookId);
      const at = new Date().toISOString();
      if (isNew) {
        this.db
          .prepare('INSERT INTO ask_threads (id, book_id, title, annotation_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(turn.threadId, turn.bookId, titleOf(turn.question), turn.annotationId ?? null, at, at);
        const data = { bookKey: bookKeyOf(this.db, turn.bookId), title: titleOf(turn.question), annotationId: turn.annotationId ?? null };
        enqueue(this.db, { kind: 'ask_thread', entityId: turn.threadId, op: 'put', data });
      } else {
        this.db.prepare('UPDATE ask_threads SET updated_at = ? WHERE id = ?').run(at, turn.threadId);
      }
      const message: StoredAskMessage = {
        id: randomUUID(),
        question: turn.question,
        answer: turn.answer,
        citations: turn.citations,
        mode: turn.mode,
        model: turn.model,
        createdAt: at,
      };
      this.db
        .prepare(
          'INSERT INTO ask_messages (id, thread_id, question, answer, citations, mode, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(message.id, turn.threadId, message.question, message.answer, JSON.stringify(message.citations), message.mode, message.model, at, at);
      enqueue(this.db, { kind: 'ask_message', entityId: message.id, op: 'put', data: messageData(turn.threadId, message) });
      return { created: isNew, message };
    })();
  }

  /** The book's live threads, most recently used first; `query` matches titles, questions and answers. */
  list(bookId: string, query?: string): AskThreadSummary[] {
    const q = query?.trim();
    const rows = q
      ? (this.db
          .prepare(
            `SELECT ${SUMMARY_COLUMNS} FROM ask_threads t
              WHERE t.book_id = ? AND t.deleted_at IS NULL
                AND (t.title LIKE @p ESCAPE '\\' OR EXISTS (
                  SELECT 1 FROM ask_messages m WHERE m.thread_id = t.id AND m.deleted_at IS NULL
                     AND (m.question LIKE @p ESCAPE '\\' OR m.answer LIKE @p ESCAPE '\\')))
              ORDER BY ${NEWEST_FIRST} LIMIT ${LIST_LIMIT}`,
          )
          .all(bookId, { p: likePattern(q) }) as ThreadRow[])
      : (this.db
          .prepare(
            `SELECT ${SUMMARY_COLUMNS} FROM ask_threads t WHERE t.book_id = ? AND t.deleted_at IS NULL
              ORDER BY ${NEWEST_FIRST} LIMIT ${LIST_LIMIT}`,
          )
          .all(bookId) as ThreadRow[]);
    return rows.map(toSummary);
  }

  summary(threadId: string): AskThreadSummary {
    return toSummary(this.live(threadId));
  }

  /** The thread and its messages in the order they were asked. */
  get(threadId: string): AskThreadSummary & { messages: StoredAskMessage[] } {
    const summary = this.summary(threadId);
    const rows = this.db
      .prepare(
        `SELECT id, question, answer, citations, mode, model, created_at FROM ask_messages
          WHERE thread_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid`,
      )
      .all(threadId) as MessageRow[];
    return {
      ...summary,
      messages: rows.map((r) => ({
        id: r.id,
        question: r.question,
        answer: r.answer,
        citations: JSON.parse(r.citations) as StoredCitation[],
        mode: mode(r.mode),
        model: r.model,
        createdAt: r.created_at,
      })),
    };
  }

  rename(threadId: string, title: string): AskThreadSummary {
    this.live(threadId);
    this.db.transaction(() => {
      this.db.prepare('UPDATE ask_threads SET title = ?, updated_at = ? WHERE id = ?').run(title, new Date().toISOString(), threadId);
      enqueue(this.db, { kind: 'ask_thread', entityId: threadId, op: 'put', data: { title } });
    })();
    return this.summary(threadId);
  }

  /** Tombstones the thread and its messages together. Returns the thread's book. */
  delete(threadId: string): { bookId: string } {
    return this.db.transaction(() => {
      const r = this.live(threadId);
      const at = new Date().toISOString();
      this.db.prepare('UPDATE ask_threads SET deleted_at = ?, updated_at = ? WHERE id = ?').run(at, at, threadId);
      this.db.prepare('UPDATE ask_messages SET deleted_at = ?, updated_at = ? WHERE thread_id = ? AND deleted_at IS NULL').run(at, at, threadId);
      // Other machines drop the thread's messages with it.
      enqueue(this.db, { kind: 'ask_thread', entityId: threadId, op: 'delete' });
      return { bookId: r.book_id };
    })();
  }
}
