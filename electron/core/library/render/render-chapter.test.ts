import { describe, expect, it } from 'vitest';
import { renderChapter } from './render-chapter.js';
import type { BookFlavor, RenderContext } from './types.js';

function ctx(over: Partial<RenderContext> & { flavor?: BookFlavor } = {}): RenderContext {
  return {
    bookId: 'b1',
    flavor: 'docusaurus',
    file: 'docs/intro.md',
    title: null,
    assetExists: () => false,
    chapterIdForFile: () => null,
    labels: new Map(),
    ...over,
  };
}

describe('renderChapter: Markdown features', () => {
  it('renders admonitions with titles, default titles from the kind', () => {
    const r = renderChapter('# T\n\n:::tip Keep it cool\nMotors heat up.\n:::\n\n:::danger\nHigh voltage.\n:::\n', ctx());
    expect(r.html).toMatch(/<aside class="admonition admonition-tip"><p class="admonition-title">Keep it cool<\/p>\s*<p>Motors heat up.<\/p>/);
    expect(r.html).toMatch(/<aside class="admonition admonition-danger"><p class="admonition-title">Danger<\/p>/);
    expect(r.text).not.toContain(':::');
  });

  it('shows code titles and highlights code; # lines in fences stay code, not headings', () => {
    const md = '# Nodes\n\n```python title="talker.py"\n# publish a message\nimport rclpy\n```\n\n## Next\n\nText.\n';
    const r = renderChapter(md, ctx());
    expect(r.html).toContain('<figure class="code-block"><figcaption class="code-title">talker.py</figcaption>');
    expect(r.html).toContain('<span class="hljs-keyword">import</span>');
    expect(r.outline.map((o) => o.text)).toEqual(['Nodes', 'Next']);
    expect(r.sections.map((s) => s.heading)).toEqual(['Nodes', 'Next']);
    expect(r.sections[0]!.blocks).toEqual([{ kind: 'code', text: '# publish a message\nimport rclpy' }]);
  });

  it('renders $, $$ and (for HF courses) \\\\( \\\\) / \\\\[ \\\\] math to MathML, and keeps TeX in the text', () => {
    const r = renderChapter('# M\n\nEnergy $E=mc^2$ and\n\n$$\n\\int_0^1 x\\,dx\n$$\n', ctx());
    expect(r.html).toContain('<math');
    expect(r.html).toContain('display="block"');
    expect(r.text).toContain('E=mc^2');
    const hf = renderChapter('# M\n\nThe state \\\\(S_0\\\\) and \\\\[ Q(s,a) \\\\]\n', ctx({ flavor: 'hf-course', file: 'u/a.mdx' }));
    expect(hf.html.match(/<math/g)).toHaveLength(2);
    expect(hf.text).not.toContain('\\\\(');
  });

  it('closes display math written on the fence lines ($$\\begin{aligned} ... \\end{aligned}$$)', () => {
    const md = '# M\n\n$$\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}$$\n\n## After\n\nStill Markdown: **bold**.\n';
    const r = renderChapter(md, ctx());
    expect(r.outline.map((o) => o.text)).toEqual(['M', 'After']);
    expect(r.html).toContain('<strong>bold</strong>');
    expect(r.html.match(/display="block"/g)).toHaveLength(1);
  });

  it('renders GFM tables', () => {
    const r = renderChapter('# T\n\n| joint | range |\n|---|---|\n| knee | 0-150 |\n', ctx());
    expect(r.html).toContain('<table>');
    expect(r.html).toContain('<td>knee</td>');
  });

  it('uses Docusaurus [[anchor]] suffixes as heading ids and drops them from the text', () => {
    const r = renderChapter('# The RL Process [[the-rl-process]]\n\n## Rewards [[rewards]]\n\nx\n', ctx({ flavor: 'hf-course', file: 'a.mdx' }));
    expect(r.html).toContain('<h1 id="the-rl-process">The RL Process</h1>');
    expect(r.outline).toEqual([
      { depth: 1, text: 'The RL Process', anchor: 'the-rl-process' },
      { depth: 2, text: 'Rewards', anchor: 'rewards' },
    ]);
    expect(r.text).not.toContain('[[');
  });

  it('uses Docusaurus {#id} heading ids, in Markdown and in MDX', () => {
    for (const file of ['docs/a.md', 'docs/a.mdx']) {
      const r = renderChapter('# Setup\n\n## Install ROS 2 {#install}\n\nText.\n', ctx({ file }));
      expect(r.html, file).toContain('<h2 id="install">Install ROS 2</h2>');
      expect(r.text, file).not.toContain('{#');
    }
  });

  it('points existing relative images at the asset scheme and turns missing ones into their alt text', () => {
    const r = renderChapter('# I\n\n![Robot arm](../img/arm.png)\n\n![Lost figure](../img/lost.svg)\n', ctx({ assetExists: (p) => p === 'img/arm.png' }));
    expect(r.html).toContain('<img src="reader-asset://book/b1/img/arm.png" alt="Robot arm">');
    expect(r.html).not.toContain('lost.svg');
    expect(r.html).toContain('<em>Lost figure</em>');
  });

  it('links other chapters through data attributes; a link it cannot follow keeps its words, says why, is reported', () => {
    const r = renderChapter('# L\n\nSee [sensors](./sensors.md#imu) and [gone](./gone.md).\n', ctx({ chapterIdForFile: (f) => (f === 'docs/sensors.md' ? 'docs/sensors' : null) }));
    expect(r.html).toContain('<a href="#imu" data-chapter-id="docs/sensors" data-anchor="imu">sensors</a>');
    expect(r.html).toContain('and <span class="unresolved-link" title="This link leads to nothing in this book">gone</span>.');
    expect(r.html).not.toContain('href="./gone.md"');
    expect(r.diagnostics.unresolvedLinks).toEqual(['./gone.md']);
  });

  it('links site URLs (/docs/<id>, slugs) to the chapter they name', () => {
    const r = renderChapter('# L\n\nSee [the IMU](/docs/sensors/imu#bias) and [home](/).\n', ctx({ chapterIdForUrlPath: (p) => (p === '/docs/sensors/imu' ? 'sensors/imu' : null) }));
    expect(r.html).toContain('<a href="#bias" data-chapter-id="sensors/imu" data-anchor="bias">the IMU</a>');
    expect(r.html).toContain('and <span class="unresolved-link" title="This link leads to nothing in this book">home</span>.');
  });

  it('starts every chapter with an h1 carrying its title', () => {
    const r = renderChapter('Some intro without heading.\n', ctx({ title: 'From front matter' }));
    expect(r.html.startsWith('<h1 id="top">From front matter</h1>')).toBe(true);
    expect(r.sections[0]).toMatchObject({ anchor: '', heading: 'From front matter', depth: 0 });
  });
});

describe('renderChapter: safety', () => {
  it('strips scripts, event handlers and javascript: URLs from Markdown HTML', () => {
    const md = '# S\n\n<script>alert(1)</script>\n\n<img src="x.png" onerror="alert(2)">\n\n[click](javascript:alert(3))\n';
    const r = renderChapter(md, ctx({ file: 'docs/s.md', flavor: 'markdown' }));
    expect(r.html).not.toMatch(/<script|onerror|javascript:/i);
  });

  it('never executes MDX: imports/exports vanish, JSX handlers and styles are dropped', () => {
    const mdx = [
      "import Robot from '@site/src/components/Robot';",
      'export const boom = (() => { throw new Error("executed") })();',
      '',
      '# MDX',
      '',
      '<div onClick={() => alert(1)} style={{color: "red"}} className="card">Inside a div</div>',
      '',
      '<Robot model="H1" title="Meet H1">',
      'Robot caption text',
      '</Robot>',
      '',
      '<script>{"alert(1)"}</script>',
      '',
      '{1 + 1}',
    ].join('\n');
    const r = renderChapter(mdx, ctx({ file: 'docs/m.mdx' }));
    expect(r.html).not.toMatch(/onclick|style=|<script|import Robot|export const|throw/i);
    expect(r.html).toContain('Inside a div');
    expect(r.text).toContain('Robot caption text');
    expect(r.html).toContain('<p><strong>Meet H1</strong></p>');
    expect(r.html).not.toContain('<Robot');
  });

  it('maps known HF components: Tip boxes, Youtube links, quizzes; drops the notebook banner', () => {
    const mdx = [
      '# C',
      '',
      '<CourseFloatingBanner classNames="absolute" notebooks={[{label: "Colab", value: "https://x"}]} />',
      '',
      '<Tip>',
      'A **helpful** hint.',
      '</Tip>',
      '',
      '<Tip warning={true}>',
      'Careful.',
      '</Tip>',
      '',
      '<Youtube id="dQw4w9WgXcQ" />',
      '',
      '<Question',
      '  choices={[',
      '    { text: "A policy", explain: "It maps states to actions.", correct: true },',
      '    { text: "A reward", explain: "" }',
      '  ]}',
      '/>',
    ].join('\n');
    const r = renderChapter(mdx, ctx({ flavor: 'hf-course', file: 'u/c.mdx' }));
    expect(r.html).toMatch(/<aside class="admonition admonition-tip"><p class="admonition-title">Tip<\/p>\s*<p>A <strong>helpful<\/strong> hint.<\/p>/);
    expect(r.html).toContain('admonition-warning');
    expect(r.html).toContain('href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"');
    expect(r.html).toContain('<div class="quiz"><ol><li><p>A policy</p><details><summary>Show answer</summary><p>Correct. It maps states to actions.</p>');
    expect(r.text).not.toMatch(/Colab|<Tip|CourseFloatingBanner/);
  });

  it('reads lenient HF MDX (unclosed <img>, split tags, comments) without losing the prose', () => {
    const mdx = [
      '# F',
      '',
      '<!-- a comment -->',
      '<figure>',
      '<img src="https://example.org/a.jpg" alt="A diagram" width="100%">',
      '<figcaption>Caption on',
      '</figcaption>',
      '</figure>',
      '',
      'After the figure, results/<run_id name> appear.',
    ].join('\n');
    const r = renderChapter(mdx, ctx({ flavor: 'hf-course', file: 'u/f.mdx' }));
    expect(r.text).toContain('Caption on');
    expect(r.text).toContain('After the figure');
    expect(r.html).not.toContain('a comment');
    expect(r.html).toContain('<a href="https://example.org/a.jpg">Image: A diagram</a>');
  });
});

describe('renderChapter: sections', () => {
  it('splits at every heading with plain heading text and the heading path; lead-in text goes to the title', () => {
    const md = [
      'Lead-in paragraph.',
      '',
      '# Kinematics',
      '',
      'Intro.',
      '',
      '## Forward **kinematics** [[fk]]',
      '',
      'Chain rule of transforms.',
      '',
      '```bash',
      '# not a heading',
      'ros2 run demo fk',
      '```',
      '',
      '### Denavit-Hartenberg',
      '',
      'Four parameters.',
      '',
      '## Inverse',
      '',
      'Solve for joints.',
    ].join('\n');
    const r = renderChapter(md, ctx({ title: 'Kinematics' }));
    expect(r.sections.map((s) => [s.anchor, s.heading, s.depth, s.path])).toEqual([
      ['', 'Kinematics', 0, ['Kinematics']],
      ['kinematics', 'Kinematics', 1, ['Kinematics']],
      ['fk', 'Forward kinematics', 2, ['Kinematics', 'Forward kinematics']],
      ['denavit-hartenberg', 'Denavit-Hartenberg', 3, ['Kinematics', 'Forward kinematics', 'Denavit-Hartenberg']],
      ['inverse', 'Inverse', 2, ['Kinematics', 'Inverse']],
    ]);
    expect(r.sections[0]!.blocks).toEqual([{ kind: 'prose', text: 'Lead-in paragraph.' }]);
    expect(r.sections[2]!.blocks).toEqual([
      { kind: 'prose', text: 'Chain rule of transforms.' },
      { kind: 'code', text: '# not a heading\nros2 run demo fk' },
    ]);
  });

  it('keeps heading text plain when the source has a malformed link ([text]((url)), which Markdown leaves as text)', () => {
    const md = '# Unit\n\n## Create and understand [FrozenLake ⛄]((https://example.org/frozen_lake/)\n\nText.\n\n## See [the docs](https://example.org/d)\n';
    const r = renderChapter(md, ctx({ title: 'Unit' }));
    expect(r.sections.map((s) => s.heading)).toEqual(['Unit', 'Create and understand FrozenLake ⛄', 'See the docs']);
  });
});
