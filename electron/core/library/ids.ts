/** Stable ids: a chapter's id is its file path (so progress survives re-imports); a book's, its folder. */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';

export const BUNDLED_BOOK_ID = 'bundled';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** `units/en/unit1/intro.mdx` -> `units/en/unit1/intro`; very long paths are shortened with a hash. */
export function chapterIdFor(file: string): string {
  const id = file.replace(/\.mdx?$/i, '');
  return id.length <= 180 ? id : `${id.slice(0, 160)}~${sha(id).slice(0, 12)}`;
}

const slugOf = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);

/**
 * `<folder-name-slug>-<8 hex of the real path>`: readable, and two folders with the same name stay apart. A further
 * docs plugin instance of a Docusaurus site (`instance`) is a book of its own: `<slug>-<instance>-<8 hex>`.
 */
export function bookIdFor(realDir: string, instance?: string): string {
  const slug = slugOf(basename(realDir)) || 'book';
  if (instance === undefined) return `${slug}-${sha(realDir).slice(0, 8)}`;
  return `${slug}-${slugOf(instance) || 'docs'}-${sha(`${realDir}\0${instance}`).slice(0, 8)}`;
}

/** A preinstalled content pack's book: named by its pack folder, the same on every machine it is copied to. */
export function contentBookIdFor(packName: string): string {
  return `content-${slugOf(packName) || 'book'}`;
}

export function contentHash(parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}
