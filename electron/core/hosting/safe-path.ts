/**
 * Maps a URL path onto a file inside a root folder, refusing anything that would escape it: `..` segments (raw or
 * percent-encoded), absolute paths, NUL bytes, and symlinks pointing outside. Used by the custom protocols; the book
 * importer shares `isInside` for the files it reads.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/** Is `candidate` `root` itself or below it? Both absolute; pass real paths to make the answer hold for symlinks. */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Lexical check: the absolute path `urlPath` names under `root`, or null when it is malformed or outside. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return null;
  const absRoot = resolve(root);
  const candidate = resolve(absRoot, ...segments);
  return isInside(absRoot, candidate) ? candidate : null;
}

/** Like resolveInside, but also follows symlinks: the real file must exist and be inside the real root. */
export async function resolveExistingInside(root: string, urlPath: string): Promise<string | null> {
  const candidate = resolveInside(root, urlPath);
  if (candidate === null) return null;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    return isInside(realRoot, realFile) && realFile !== realRoot ? realFile : null;
  } catch {
    return null;
  }
}

