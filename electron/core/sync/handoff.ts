/**
 * "Continue where you left off on LAB-PC-14": positions other devices reached, as pulled (sync_remote_progress).
 * The newest by server order per book is offered until the student takes or declines it, or reads the book here
 * (a local position saved after the pull wins over the offer); nothing compares device clocks.
 */
import type Database from 'better-sqlite3';
import type { Handoff } from '../contract.js';

interface Row {
  id: string;
  book_id: string;
  book_title: string;
  chapter_id: string;
  chapter_title: string;
  position: number;
  device_name: string;
  at: string;
}

export function listHandoffs(db: Database.Database, bookId?: string): Handoff[] {
  const rows = db
    .prepare(
      `SELECT rp.entity_id AS id, b.id AS book_id, b.title AS book_title, rp.chapter_id, c.title AS chapter_title, rp.position, rp.device_name, rp.at
         FROM sync_remote_progress rp
         JOIN books b ON b.book_key = rp.book_key
         JOIN chapters c ON c.book_id = b.id AND c.id = rp.chapter_id
        WHERE rp.offered = 0 AND (@bookId IS NULL OR b.id = @bookId)
        ORDER BY rp.version DESC`,
    )
    .all({ bookId: bookId ?? null }) as Row[];
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.book_id) && seen.add(r.book_id))
    .map((r) => ({ id: r.id, bookId: r.book_id, bookTitle: r.book_title, chapterId: r.chapter_id, chapterTitle: r.chapter_title, position: r.position, deviceName: r.device_name, at: r.at }));
}

/** Taken or declined: no longer offered. */
export function dismissHandoff(db: Database.Database, id: string): void {
  db.prepare('UPDATE sync_remote_progress SET offered = 1 WHERE entity_id = ?').run(id);
}

/** The student read the book here after those positions arrived: they are not offered any more. */
export function readHere(db: Database.Database, bookKey: string): void {
  db.prepare('UPDATE sync_remote_progress SET offered = 1 WHERE book_key = ? AND offered = 0').run(bookKey);
}
