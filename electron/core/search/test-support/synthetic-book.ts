/** Generated chapters for index tests: `marker` appears in every passage, so tests can tell two versions apart. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChapterInput } from '../types.js';

/** One word-vector cache for every test process (converting the packaged vectors takes a while once). */
export const TEST_MODEL_CACHE = join(tmpdir(), 'reader-search-test-models');

const TOPICS = ['torque', 'gearbox', 'encoder', 'lidar', 'gripper', 'balance', 'camera', 'battery', 'planner', 'actuator'];

export function syntheticBook(chapters: number, marker: string, sectionsPerChapter = 3): ChapterInput[] {
  return Array.from({ length: chapters }, (_, c) => ({
    chapterTitle: `Chapter ${c}`,
    file: `part/ch${c}.md`,
    sections: Array.from({ length: sectionsPerChapter }, (_, s) => {
      const topic = TOPICS[(c + s) % TOPICS.length]!;
      return {
        anchor: `s${s}`,
        heading: `The ${topic} section ${s}`,
        depth: 2,
        path: [`Chapter ${c}`, `The ${topic} section ${s}`],
        blocks: [
          {
            kind: 'prose' as const,
            text: `The ${marker} ${topic} in chapter ${c} matters for robots. A ${topic} needs care and calibration before use.`,
          },
        ],
      };
    }),
  }));
}
