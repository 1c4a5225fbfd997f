// The stable test ids course staff's scripts rely on must exist in the renderer: a rename fails here, not in their CI.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../electron/core/paths.js';
import { TEST_IDS } from '../e2e/support/test-ids.js';

const rendererDir = join(projectRoot(), 'renderer', 'src');
const sources = (readdirSync(rendererDir, { recursive: true, encoding: 'utf8' }))
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
  .map((f) => readFileSync(join(rendererDir, f), 'utf8'));

/** Ids written out (`data-testid="x"`), plus the toolbar buttons' `toolbar-${panel id}` for every panel declared. */
function rendererTestIds(): Set<string> {
  const ids = new Set<string>();
  for (const src of sources) {
    for (const m of src.matchAll(/data-testid="([a-z0-9-]+)"/g)) ids.add(m[1]!);
    if (src.includes('Component:')) for (const m of src.matchAll(/\{ id: '([a-z-]+)', label:/g)) ids.add(`toolbar-${m[1]!}`);
  }
  return ids;
}

describe('stable test ids', () => {
  it('each one in TEST_IDS is rendered by the app', () => {
    const rendered = rendererTestIds();
    expect(rendered.size).toBeGreaterThan(50);
    expect(Object.values(TEST_IDS).filter((id) => !rendered.has(id))).toEqual([]);
  });
  it('a name the renderer does not use is caught', () => {
    expect(rendererTestIds().has('no-such-test-id')).toBe(false);
    expect(rendererTestIds().has('toolbar-ask')).toBe(true);
  });
});
