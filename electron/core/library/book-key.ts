/**
 * A book's name across machines (`book_key`, used by sync): the same book imported on two lab PCs from different
 * folders gets the same key. Derived from what the book says about itself, never from a local path: the bundled
 * book has a fixed key; a Docusaurus site its title and docs folder (relative to the site or repository root,
 * plus the docs plugin instance); a plain Markdown folder its title and folder name.
 */
import { basename } from 'node:path';
import type { BookPlan } from './book/types.js';

const MAX = 200;

export function bookKeyFor(plan: Pick<BookPlan, 'flavor' | 'title' | 'dir' | 'instanceId' | 'site'>, bundled: boolean): string {
  const instance = plan.instanceId ? `#${plan.instanceId}` : '';
  const key = bundled
    ? `bundled${instance}`
    : plan.site
      ? `docusaurus:${plan.title}:${plan.site.docsDir}${instance}`
      : `${plan.flavor}:${plan.title}:${basename(plan.dir)}${instance}`;
  return key.slice(0, MAX);
}
