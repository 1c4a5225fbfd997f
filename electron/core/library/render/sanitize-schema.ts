/**
 * What chapter HTML may contain. GitHub's defaults plus: MathML (KaTeX renders to MathML, which Chromium draws
 * natively, so no inline styles are needed), highlight.js and reader classes, our asset scheme for images, chapter
 * link data attributes, and heading ids kept verbatim so outline anchors and `[[anchor]]` links work.
 */
import { defaultSchema } from 'rehype-sanitize';
import { ASSET_SCHEME } from './asset-url.js';

type Schema = typeof defaultSchema;

export const MATHML_TAGS = [
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msup', 'msub', 'msubsup',
  'mfrac', 'msqrt', 'mroot', 'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'mstyle', 'mpadded',
  'mphantom', 'menclose', 'merror', 'mglyph', 'mlabeledtr', 'mprescripts', 'none', 'mmultiscripts',
];
const MATHML_ATTRS = [
  'display', 'xmlns', 'encoding', 'mathvariant', 'mathcolor', 'mathbackground', 'stretchy', 'fence', 'separator',
  'lspace', 'rspace', 'accent', 'accentunder', 'columnalign', 'columnspacing', 'rowspacing', 'columnlines',
  'rowlines', 'rowalign', 'displaystyle', 'scriptlevel', 'width', 'height', 'depth', 'voffset', 'minsize',
  'maxsize', 'movablelimits', 'linethickness', 'notation', 'symmetric', 'largeop', 'form', 'frame', 'framespacing',
  'equalrows', 'equalcolumns', 'side', 'align',
];
// Class names the reader's own markup and the highlighters produce; authors' arbitrary classes are dropped.
const CLASS_NAMES: (string | RegExp)[] = [
  /^hljs(-[\w-]+)?$/, /^language-[\w-]+$/, 'katex', 'katex-display', 'math', 'math-inline', 'math-display',
  'admonition', /^admonition-[\w-]+$/, 'code-block', 'code-title', 'quiz',
  // Docusaurus features: code lines (code-lines.ts), tabs, theme-specific images, links the book cannot follow.
  'code-line', 'code-line-highlighted', 'tabs', 'tab-panel', 'tab-label', 'only-light', 'only-dark', 'unresolved-link',
  'mermaid-diagram',
];

const base = defaultSchema.attributes ?? {};

export const chapterSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'aside', 'mark', 'abbr', 'small', 'u', ...MATHML_TAGS],
  attributes: {
    ...base,
    a: [...(base.a ?? []), 'dataChapterId', 'dataAnchor', 'dataBookFile', 'download'],
    span: [...(base.span ?? []), 'dataLine'],
    div: [...(base.div ?? []), 'dataGroupId', 'dataTabValue', 'dataTabLabel', 'dataTabDefault'],
    code: [['className', ...CLASS_NAMES]],
    img: [...(base.img ?? []), 'loading'],
    math: [...MATHML_ATTRS],
    annotation: ['encoding'],
    '*': [...(base['*'] ?? []), ['className', ...CLASS_NAMES], ...MATHML_ATTRS],
  },
  protocols: {
    ...defaultSchema.protocols,
    src: ['https', ASSET_SCHEME],
    href: [...(defaultSchema.protocols?.href ?? []), ASSET_SCHEME],
  },
  strip: ['script', 'style'],
};
