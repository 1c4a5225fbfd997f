/** The CLI contract benchmarks rely on: `index` then `ask --json` / `--batch` through `npm run -s reader`. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const reader = (args: string[]) => run('npm', ['run', '-s', 'reader', '--', ...args], { cwd: process.cwd(), maxBuffer: 1 << 24 });

const work = mkdtempSync(join(tmpdir(), 'cli-ask-test-'));
const book = join(work, 'book');
const data = join(work, 'data');

function writeBook() {
  mkdirSync(join(book, 'docs', 'motion'), { recursive: true });
  writeFileSync(
    join(book, 'docs', 'motion', 'balance.md'),
    `---\ntitle: Staying upright\n---\n\n# Staying upright\n\nA walking robot must keep its centre of mass over the support polygon.\n\n` +
      `## The **zero moment** point [[zmp]]\n\nThe zero moment point is where the ground reaction force produces no tipping torque. ` +
      `Controllers keep it inside the footprint so the robot does not fall over.\n\n` +
      '```python\n# not a heading: comment inside code\nzmp = compute_zmp(state)\n```\n\n' +
      `## Ankle strategy\n\nSmall pushes are absorbed by twisting the ankles, which shifts the pressure under the feet.\n`,
  );
  writeFileSync(
    join(book, 'docs', 'sensing.md'),
    `# Sensing\n\n## Inertial units\n\nAn IMU combines accelerometers and gyroscopes to estimate orientation and angular velocity.\n`,
  );
}

describe('reader index / ask', () => {
  beforeAll(async () => {
    writeBook();
    const { stdout, stderr } = await reader(['index', book, '--data', data]);
    expect(stdout).toMatch(/2 chapters/);
    expect(stderr).toMatch(/indexing \[/);
  }, 240_000);

  it('ask --json prints exactly one JSON object with file, plain heading, score and text', async () => {
    const { stdout } = await reader(['ask', '--data', data, '--book', book, '--k', '3', '--json', 'Where must the zero moment point stay so the robot does not tip?']);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as { question: string; results: { file: string; heading: string; score: number; text: string }[] };
    expect(out.question).toBe('Where must the zero moment point stay so the robot does not tip?');
    expect(out.results.length).toBeGreaterThan(0);
    expect(out.results.length).toBeLessThanOrEqual(3);
    expect(out.results[0]).toMatchObject({ file: 'docs/motion/balance.md', heading: 'The zero moment point' });
    expect(out.results[0]!.text).toContain('ground reaction force');
    for (const r of out.results) {
      expect(Object.keys(r).sort()).toEqual(['file', 'heading', 'score', 'text']);
      expect(typeof r.score).toBe('number');
    }
    expect(out.results.map((r) => r.heading)).not.toContain('not a heading: comment inside code');
  }, 120_000);

  it('ask --batch prints one JSON line per question, in order', async () => {
    const batch = join(work, 'q.jsonl');
    writeFileSync(batch, [{ question: 'How does an IMU estimate orientation?' }, { question: 'What absorbs small pushes?', file: 'x' }].map((q) => JSON.stringify(q)).join('\n') + '\n');
    const { stdout } = await reader(['ask', '--data', data, '--book', book, '--k', '5', '--batch', batch]);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { question: string; results: { file: string; heading: string }[] });
    expect(lines.map((l) => l.question)).toEqual(['How does an IMU estimate orientation?', 'What absorbs small pushes?']);
    expect(lines[0]!.results[0]).toMatchObject({ file: 'docs/sensing.md', heading: 'Inertial units' });
    expect(lines[1]!.results[0]).toMatchObject({ file: 'docs/motion/balance.md', heading: 'Ankle strategy' });
  }, 120_000);

  it('rejects a bad option with a usage error (exit 2) and nothing on stdout', async () => {
    const err = await reader(['ask', '--data', data, '--book', book, '--k', 'many', '--json', 'q']).catch((e: { code: number; stdout: string }) => e);
    expect(err).toMatchObject({ code: 2, stdout: '' });
  }, 60_000);

  it('says which option is missing when --book is left out', async () => {
    const err = await reader(['ask', '--data', data, '--json', 'q']).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2, stdout: '' });
    expect((err as { stderr: string }).stderr).toContain('--book <bookDir> is required');
  }, 60_000);
});
