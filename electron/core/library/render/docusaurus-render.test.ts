/** Docusaurus features through renderChapter: what a student sees must match what Docusaurus builds. */
import { describe, expect, it } from 'vitest';
import { renderChapter } from './render-chapter.js';
import type { RenderContext } from './types.js';

function ctx(over: Partial<RenderContext> = {}): RenderContext {
  return {
    bookId: 'b1',
    flavor: 'docusaurus',
    file: 'docs/lab.md',
    title: 'Lab',
    assetExists: () => false,
    chapterIdForFile: () => null,
    labels: new Map(),
    ...over,
  };
}

const TABS = `import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

{/* grader note: keep the tabs in this order */}

<Tabs groupId="robot">
<TabItem value="arm" label="Robot arm">

Calibrate the shoulder joint first.

</TabItem>
<TabItem value="rover" label="Rover" default>

Check the wheel encoders.

</TabItem>
</Tabs>
`;

describe('MDX in .md files', () => {
  it('reads a .md chapter as MDX when the site format is mdx, and as CommonMark when it is md', () => {
    const mdx = renderChapter(TABS, ctx({ format: 'mdx' }));
    expect(mdx.html).toContain('<div class="tabs" data-group-id="robot">');
    expect(mdx.text).not.toMatch(/import|grader note|<Tabs|TabItem/);
    expect(mdx.diagnostics.mdxFallback).toBeNull();
    const md = renderChapter(TABS, ctx({ format: 'md' }));
    expect(md.html).not.toContain('class="tabs"');
    expect(md.text).toContain('Calibrate the shoulder joint first.');
  });

  it('keeps the default of today without a format: .md is CommonMark, .mdx is MDX', () => {
    expect(renderChapter(TABS, ctx()).html).not.toContain('class="tabs"');
    expect(renderChapter(TABS, ctx({ file: 'docs/lab.mdx' })).html).toContain('class="tabs"');
  });

  it('reports a chapter MDX cannot parse as written, with the parser message, and keeps its words', () => {
    const r = renderChapter('Torque < 5 {units\n\nStill here.\n', ctx({ format: 'mdx' }));
    expect(r.diagnostics.mdxFallback).toMatch(/^not valid MDX.*line 1/);
    expect(r.text).toContain('Still here.');
    expect(r.text).toContain('Torque');
  });

  it('makes Docusaurus <Link to> a link to the chapter it names', () => {
    const r = renderChapter("import Link from '@docusaurus/Link';\n\n<Link to=\"/docs/next\">Go on</Link>\n", ctx({ format: 'mdx', chapterIdForUrlPath: (p) => (p === '/docs/next' ? 'next' : null) }));
    expect(r.html).toContain('data-chapter-id="next"');
    expect(r.diagnostics.unknownComponents).toEqual([]);
  });

  it('reads a component named like an HTML void element (<Link>, <Source>) as a component with children', () => {
    const src = "import Link from '@docusaurus/Link';\n\n<div style={{marginTop: '2rem'}}>\n  <Link to=\"/docs/x\" className=\"button\">\n    Start the first module\n  </Link>\n</div>\n\n<img src=\"./a.png\" alt=\"Arm\">\n";
    const r = renderChapter(src, ctx({ format: 'mdx' }));
    expect(r.diagnostics.mdxFallback).toBeNull();
    expect(r.text).toContain('Start the first module');
    expect(r.text).not.toMatch(/<\/?Link|<div|style=/);
  });

  it('reading failed MDX as CommonMark drops imports, exports and MDX comments', () => {
    // 41 stray braces: more than the repair loop escapes, so the chapter is read as CommonMark.
    const src = `import Thing from '@site/src/thing';\nexport const speed = 3;\n\n{/* hidden remark */}\n\n${'a {b '.repeat(41)}\n\nVisible prose.\n`;
    const r = renderChapter(src, ctx({ format: 'mdx' }));
    expect(r.diagnostics.mdxFallback).toMatch(/^not valid MDX, read as CommonMark: /);
    expect(r.text).toContain('Visible prose.');
    expect(r.text).not.toMatch(/import Thing|export const|hidden remark/);
  });

  it('renders the content of mdx-code-block fences as MDX; other fences stay code', () => {
    const src = "```mdx-code-block\n<Tabs><TabItem value=\"x\" label=\"Only tab\">Tab body</TabItem></Tabs>\n```\n\n````md\n```mdx-code-block\n<b>shown as code</b>\n```\n````\n";
    const r = renderChapter(src, ctx({ format: 'mdx' }));
    expect(r.html).toContain('data-tab-label="Only tab"');
    expect(r.text).not.toContain('mdx-code-block\n<Tabs');
    expect(r.html).toMatch(/<pre><code class="hljs language-md">[^]*mdx-code-block[^]*&#x3C;b>shown as code/);
  });
});

describe('code blocks', () => {
  it('shows the title, numbers lines from showLineNumbers=N, marks {ranges} and magic-comment lines, keeps colours', () => {
    const src = '```python title="drive.py" showLineNumbers=10 {1}\nimport math\n# highlight-next-line\nspeed = 2\n# highlight-start\nturn = 1\nstop = 0\n# highlight-end\nprint(speed)\n```\n';
    const r = renderChapter(src, ctx());
    expect(r.html).toContain('<figcaption class="code-title">drive.py</figcaption>');
    const lines = [...r.html.matchAll(/<span class="(code-line[^"]*)" data-line="(\d+)">/g)].map((m) => [m[2], m[1]!.includes('highlighted')]);
    expect(lines).toEqual([['10', true], ['11', true], ['12', true], ['13', true], ['14', false]]);
    expect(r.html).toContain('<span class="hljs-keyword">import</span>');
    expect(r.text).not.toContain('highlight-');
    expect(r.sections[0]!.blocks).toContainEqual({ kind: 'code', text: 'import math\nspeed = 2\nturn = 1\nstop = 0\nprint(speed)' });
  });

  it('uses the comment styles of the language: // is no comment in Python, <!-- --> is one in HTML', () => {
    const py = renderChapter('```python\n// highlight-next-line\nx = 1\n```\n', ctx());
    expect(py.text).toContain('// highlight-next-line');
    expect(py.html).not.toContain('code-line-highlighted');
    const html = renderChapter('```html\n<!-- highlight-next-line -->\n<p>hi</p>\n```\n', ctx());
    expect(html.text).not.toContain('highlight-next-line');
    expect(html.html).toContain('code-line code-line-highlighted');
  });

  it('marks each line once however often the ranges repeat it (3000 copies of {1-50000} once crashed the process)', () => {
    const lines = Array.from({ length: 50_000 }, () => 'x').join('\n');
    const r = renderChapter(`\`\`\`text {${Array(3000).fill('1-50000').join(',')},2}\n${lines}\n\`\`\`\n`, ctx());
    expect(r.html.match(/code-line-highlighted/g)).toHaveLength(50_000);
  });

  it('keeps headings with long runs of spaces or brackets, and raw HTML full of <, as words', () => {
    const r = renderChapter(`## a${' '.repeat(20_000)}b {#kept}\n\n## ${'[['.repeat(10_000)}\n`, ctx());
    expect(r.html).toContain('id="kept"');
    expect(r.text).toContain('a b');
    const html = renderChapter(`<div${'<'.repeat(20_000)}\n\nafter\n`, ctx({ format: 'md', file: 'docs/p.md' }));
    expect(html.text).toContain('after');
  });

  it('leaves plain code blocks unsplit', () => {
    expect(renderChapter('```js\nlet a = 1;\n```\n', ctx()).html).not.toContain('code-line');
  });
});

describe('components', () => {
  it('keeps every tab with its label, marks the default, and keeps all tabs in the search text', () => {
    const r = renderChapter(TABS, ctx({ format: 'mdx' }));
    expect(r.html).toContain('<div class="tab-panel" data-tab-value="arm" data-tab-label="Robot arm"><p class="tab-label"><strong>Robot arm</strong></p>');
    expect(r.html).toContain('data-tab-value="rover" data-tab-label="Rover" data-tab-default="true"');
    expect(r.text).toContain('Calibrate the shoulder joint first.');
    expect(r.text).toContain('Check the wheel encoders.');
  });

  it('takes labels from the values prop and the default from defaultValue', () => {
    const src = `<Tabs defaultValue="b" values={[{label: 'Alpha', value: 'a'}, {label: 'Beta', value: 'b'}]}>\n<TabItem value="a">A text</TabItem>\n<TabItem value="b">B text</TabItem>\n</Tabs>\n`;
    const r = renderChapter(src, ctx({ file: 'docs/x.mdx' }));
    expect(r.html).toContain('data-tab-value="a" data-tab-label="Alpha">');
    expect(r.html).toContain('data-tab-value="b" data-tab-label="Beta" data-tab-default="true"');
  });

  it('keeps <details> collapsible and nested admonitions with custom titles', () => {
    const src = '<details>\n<summary>Answer</summary>\n\nForty-two.\n\n</details>\n\n::::info[Outer box]\n\n:::warning Hot surface\nDo not touch.\n:::\n\n::::\n';
    const r = renderChapter(src, ctx({ format: 'mdx' }));
    expect(r.html).toContain('<details><summary>Answer</summary><p>Forty-two.</p></details>');
    expect(r.html).toMatch(/<aside class="admonition admonition-info"><p class="admonition-title">Outer box<\/p>\s*<aside class="admonition admonition-warning"><p class="admonition-title">Hot surface<\/p>/);
    expect(r.text).not.toContain(':::');
  });

  it('renders unknown components as their children and lists them once', () => {
    const r = renderChapter('<LabCard>\n\nInside the card.\n\n</LabCard>\n\n<LabCard>again</LabCard>\n\n<Widget />\n', ctx({ format: 'mdx' }));
    expect(r.text).toContain('Inside the card.');
    expect(r.diagnostics.unknownComponents).toEqual(['LabCard', 'Widget']);
  });

  it('renders <CodeBlock> like a fenced block', () => {
    const r = renderChapter('<CodeBlock language="py" title="hello.py">{`print("hi")`}</CodeBlock>\n', ctx({ format: 'mdx' }));
    expect(r.html).toContain('<figcaption class="code-title">hello.py</figcaption>');
    expect(r.html).toContain('language-py');
    expect(r.diagnostics.unknownComponents).toEqual([]);
  });
});

describe('images for one theme', () => {
  const exists = (p: string) => p === 'static/img/day.png' || p === 'static/img/night.png' || p === 'docs/map-light.png';

  it('renders ThemedImage as one image per theme, resolved against the static folder', () => {
    const src = "import ThemedImage from '@theme/ThemedImage';\nimport useBaseUrl from '@docusaurus/useBaseUrl';\n\n<ThemedImage alt=\"Field\" sources={{ light: useBaseUrl('/img/day.png'), dark: '/img/night.png' }} />\n";
    const r = renderChapter(src, ctx({ format: 'mdx', assetExists: exists }));
    expect(r.html).toContain('<img src="reader-asset://book/b1/static/img/day.png" alt="Field" class="only-light">');
    expect(r.html).toContain('<img src="reader-asset://book/b1/static/img/night.png" alt="Field" class="only-dark">');
  });

  it('marks #gh-light-mode-only / #gh-dark-mode-only images and reports the missing one', () => {
    const r = renderChapter('![Map](./map-light.png#gh-light-mode-only) ![Map](./map-dark.png#gh-dark-mode-only)\n', ctx({ assetExists: exists }));
    expect(r.html).toContain('<img src="reader-asset://book/b1/docs/map-light.png" alt="Map" class="only-light">');
    expect(r.html).toContain('<em class="only-dark">Map</em>');
    expect(r.diagnostics.unresolvedImages).toEqual(['./map-dark.png']);
  });

  it('reads <img src={require(...).default}> and useBaseUrl sources', () => {
    const src = "<img src={require('./wiring.png').default} alt=\"Wiring\" />\n\n<img src={useBaseUrl('/img/day.png')} alt=\"Day\" />\n";
    const r = renderChapter(src, ctx({ format: 'mdx', assetExists: (p) => p === 'docs/wiring.png' || p === 'static/img/day.png' }));
    expect(r.html).toContain('<img src="reader-asset://book/b1/docs/wiring.png" alt="Wiring">');
    expect(r.html).toContain('<img src="reader-asset://book/b1/static/img/day.png" alt="Day">');
  });

  it('resolves /img/ paths in the static directories the site names', () => {
    const r = renderChapter('![Logo](/img/logo.svg)\n', ctx({ staticDirs: ['assets', 'public'], assetExists: (p) => p === 'public/img/logo.svg' }));
    expect(r.html).toContain('src="reader-asset://book/b1/public/img/logo.svg"');
    expect(r.diagnostics.unresolvedImages).toEqual([]);
  });
});

describe('links', () => {
  const files: Record<string, string> = { 'docs/sub/index.md': 'sub', 'docs/kit/README.md': 'kit', 'docs/next.mdx': 'next' };
  const c = ctx({
    file: 'docs/start.md',
    chapterIdForFile: (f) => files[f] ?? null,
    assetExists: (p) => p === 'docs/files/datasheet.pdf',
  });

  it('links folders (with or without trailing slash) to their index or README, with anchors', () => {
    const r = renderChapter('[a](./sub/) [b](./sub) [c](kit/#parts) [d](./next#setup)\n', c);
    expect(r.html).toContain('<a href="#" data-chapter-id="sub">a</a>');
    expect(r.html).toContain('<a href="#" data-chapter-id="sub">b</a>');
    expect(r.html).toContain('<a href="#parts" data-chapter-id="kit" data-anchor="parts">c</a>');
    expect(r.html).toContain('<a href="#setup" data-chapter-id="next" data-anchor="setup">d</a>');
    expect(r.diagnostics.unresolvedLinks).toEqual([]);
  });

  it('offers a non-page book file as a download, outside the reader', () => {
    const r = renderChapter('[Datasheet](./files/datasheet.pdf)\n', c);
    expect(r.html).toContain('<a href="reader-asset://book/b1/docs/files/datasheet.pdf" data-book-file="docs/files/datasheet.pdf" download="datasheet.pdf">Datasheet</a>');
  });

  it('never keeps a link to another scheme, such as another book\'s file', () => {
    const src = '[other book](reader-asset://book/bundled/img/a.svg) [local](file:///etc/hostname) <a href="reader-asset://book/bundled/x.pdf">jsx</a>\n';
    const r = renderChapter(src, ctx({ format: 'mdx' }));
    expect(r.html).not.toMatch(/href="(?:reader-asset|file):/);
    expect(r.diagnostics.unresolvedLinks).toEqual(expect.arrayContaining(['reader-asset://book/bundled/img/a.svg', 'file:///etc/hostname']));
  });

  it('keeps links to sections of the same page and to the web as they are', () => {
    const r = renderChapter('[up](#top) [web](https://example.org/x)\n', c);
    expect(r.html).toContain('<a href="#top">up</a>');
    expect(r.html).toContain('<a href="https://example.org/x">web</a>');
  });
});

describe('mermaid', () => {
  const src = '```mermaid\ngraph LR\n  Sense --> Act\n```\n';

  it('marks mermaid blocks for the chapter view to draw where the site enables mermaid, keeping the source', () => {
    const r = renderChapter(src, ctx({ mermaid: true }));
    expect(r.html).toMatch(/<div class="mermaid-diagram"><pre><code class="hljs language-mermaid">graph LR\n {2}Sense --> Act\n<\/code><\/pre><\/div>/);
    expect(r.text).toContain('Sense --> Act');
  });

  it('leaves them as code elsewhere', () => {
    expect(renderChapter(src, ctx()).html).not.toContain('mermaid-diagram');
  });
});
