/**
 * A large MDX-heavy Docusaurus site written here for the import benchmark: `chapters` pages in ten parts, each
 * with front matter, imports, Tabs, admonitions, titled code blocks, a table, math and links to its neighbours,
 * ordered by a sidebars.js. All text is generated; nothing is copied from a real book.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TOPICS = ['joint torque', 'wheel odometry', 'lidar returns', 'gripper force', 'battery budget', 'motor current', 'camera pose', 'path cost', 'sensor drift', 'gait phase'];

const pad = (n: number) => String(n).padStart(3, '0');
const partDir = (part: number) => `part-${part + 1}`;
const pageId = (i: number) => `lesson-${pad(i)}`;

function page(i: number, count: number, perPart: number): string {
  const topic = TOPICS[i % TOPICS.length]!;
  const part = Math.floor(i / perPart);
  const link = (j: number) => (Math.floor(j / perPart) === part ? `./${pageId(j)}.mdx` : `../${partDir(Math.floor(j / perPart))}/${pageId(j)}.mdx`);
  const prev = i > 0 ? `[the previous lesson](${link(i - 1)})` : 'the introduction';
  const next = i < count - 1 ? `[the next lesson](${link(i + 1)})` : 'the review';
  const paragraphs = Array.from(
    { length: 6 },
    (_, k) =>
      `Step ${k + 1} of lesson ${i + 1} looks at ${topic} once more. A controller reads the ${topic} every cycle, ` +
      `compares it with the value it expects and corrects the command by a small gain. Small gains settle slowly; ` +
      `large gains ring. Keep a log of every run so the tuning can be repeated on another robot.`,
  ).join('\n\n');
  return `---
id: ${pageId(i)}
title: "Lesson ${i + 1}: ${topic}"
sidebar_label: "${i + 1}. ${topic}"
description: Practice with ${topic} on a small mobile robot.
---

import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

# Lesson ${i + 1}: ${topic}

This lesson follows ${prev} and leads to ${next}.

:::tip Before you start
Charge the robot and clear a two metre square of floor.
:::

${paragraphs}

## Measuring ${topic}

<Tabs groupId="language">
  <TabItem value="py" label="Python">

\`\`\`python title="measure_${i}.py" showLineNumbers
def measure(robot, samples=${10 + (i % 7)}):
    # highlight-next-line
    readings = [robot.read("${topic}") for _ in range(samples)]
    return sum(readings) / len(readings)
\`\`\`

  </TabItem>
  <TabItem value="cpp" label="C++">

\`\`\`cpp title="measure_${i}.cpp" {2}
double measure(Robot& robot, int samples) {
  double sum = 0; for (int k = 0; k < samples; ++k) sum += robot.read("${topic}");
  return sum / samples;
}
\`\`\`

  </TabItem>
</Tabs>

| Run | Gain | Settling time (s) |
| --- | ---: | ---: |
| 1 | 0.${(i % 9) + 1} | ${(1 + (i % 5) * 0.4).toFixed(1)} |
| 2 | 0.${((i + 3) % 9) + 1} | ${(1.2 + (i % 3) * 0.5).toFixed(1)} |

The error after $k$ steps shrinks as $e_k = (1 - K)^k e_0$ when $0 < K < 1$:

$$
e_{k+1} = e_k - K e_k
$$

:::warning
Never raise the gain while the robot is moving.
:::

<details>
<summary>Why the log matters</summary>

A log turns a lucky tuning into a repeatable one.

</details>
`;
}

/** Writes the site into `dir` (which must exist) and returns the number of pages written. */
export function writeMdxBook(dir: string, chapters = 100): number {
  const parts = 10;
  const perPart = Math.ceil(chapters / parts);
  writeFileSync(join(dir, 'docusaurus.config.js'), `module.exports = { title: 'Bench Robotics Course', presets: [['classic', { docs: { sidebarPath: './sidebars.js' } }]] };\n`);
  const sidebar: { type: string; label: string; items: string[] }[] = [];
  for (let i = 0; i < chapters; i++) {
    const part = Math.floor(i / perPart);
    mkdirSync(join(dir, 'docs', partDir(part)), { recursive: true });
    writeFileSync(join(dir, 'docs', partDir(part), `${pageId(i)}.mdx`), page(i, chapters, perPart));
    if (!sidebar[part]) sidebar[part] = { type: 'category', label: `Part ${part + 1}`, items: [] };
    sidebar[part].items.push(`${partDir(part)}/${pageId(i)}`);
  }
  writeFileSync(join(dir, 'sidebars.js'), `module.exports = { course: ${JSON.stringify(sidebar, null, 2)} };\n`);
  return chapters;
}
