import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveExistingInside, resolveInside } from './safe-path.js';

describe('resolveInside', () => {
  const root = join(tmpdir(), 'root');
  it('maps plain and nested paths under the root', () => {
    expect(resolveInside(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, '/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
    expect(resolveInside(root, '/')).toBe(root);
  });
  it('refuses traversal in any spelling', () => {
    for (const p of ['/../x', '/a/../../x', '/%2e%2e/x', '/a/%2E%2E/%2e%2e/x', '/..%2fx', '/a%5c..%5c..%5cx', '/%00x', '/%E0%A4%A']) {
      expect(resolveInside(root, p), p).toBeNull();
    }
  });
});

describe('resolveExistingInside', () => {
  let base: string;
  let root: string;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'safe-path-'));
    root = join(base, 'root');
    await mkdir(join(root, 'img'), { recursive: true });
    await writeFile(join(root, 'img', 'a.png'), 'x');
    await writeFile(join(base, 'secret.txt'), 'secret');
    await symlink(join(base, 'secret.txt'), join(root, 'link.txt'));
    await symlink(join(root, 'img', 'a.png'), join(root, 'inner-link.png'));
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('returns existing files inside the root', async () => {
    expect(await resolveExistingInside(root, '/img/a.png')).toMatch(/img[/\\]a\.png$/);
    expect(await resolveExistingInside(root, '/inner-link.png')).toMatch(/img[/\\]a\.png$/);
  });
  it('refuses missing files, the root itself, and symlinks that leave the root', async () => {
    expect(await resolveExistingInside(root, '/img/missing.png')).toBeNull();
    expect(await resolveExistingInside(root, '/')).toBeNull();
    expect(await resolveExistingInside(root, '/link.txt')).toBeNull();
  });
});
