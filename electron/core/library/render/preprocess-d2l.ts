/**
 * d2l-book markup -> plain Markdown our pipeline understands. d2l repeats prose and code once per framework; a
 * reader wants one, so only PyTorch (and "all") tabs and cells are kept. Cross-references become links the
 * renderer resolves (`d2l-label:<name>`), labels become heading anchors (`[[name]]`, like Docusaurus/HF).
 */
import { rewriteOutsideInlineCode, rewriteProse } from './prose-segments.js';

const KEEP_TAB = 'pytorch';
const CELL_OPEN = /^```+\s*\{\.python\s+\.(input|output)[^}]*\}\s*$/;
const TAB_MARK = /^(?:#@tab|%%tab)\s+(.*)$/;
const BEGIN_TAB = /^:begin_tab:`([^`]*)`\s*$/;
const LABEL_LINE = /^\s*:(label|eqlabel):`([^`]*)`\s*$/;
const DROPPED_FENCES = /^```+\s*(toc|eval_rst)\s*$/;

function keepsTab(list: string): boolean {
  const tabs = list.split(',').map((t) => t.trim().toLowerCase());
  return tabs.includes(KEEP_TAB) || tabs.includes('all');
}

function rewriteInline(prose: string): string {
  // Roles first: their argument is itself a code span, which the second pass protects.
  // The argument is usually in single backticks, sometimes double (``name``).
  const roles = prose
    .replace(/:(?:numref|ref):(`+)([^`]+)\1/g, (_m, _q, name: string) => `[${name}](d2l-label:${encodeURIComponent(name)})`)
    .replace(/:eqref:(`+)[^`]+\1/g, '(equation)')
    .replace(/:citet?:(`+)([^`]+)\1/g, (_m, _q, keys: string) => `\\[${keys.split(',').map((k) => k.trim()).join(', ')}\\]`)
    .replace(/:(?:width|height|bibliography):(`+)[^`]*\1/g, '');
  return rewriteOutsideInlineCode(roles, (t) =>
    t
      // `(~~x~~)` is slide-only text; `(**x**)` and `[**x**]` mark slide highlights but stay in the book.
      .replace(/\(~~[\s\S]*?~~\)/g, '')
      .replace(/\(\*\*([\s\S]*?)\*\*\)|\[\*\*([\s\S]*?)\*\*\]/g, (_m, a?: string, b?: string) => a ?? b ?? ''),
  );
}

export function preprocessD2l(src: string): string {
  const lines = src.split('\n');
  const usesTabs = /^(?:#@tab|%%tab)\s/m.test(src) || /^:begin_tab:/m.test(src);
  const out: string[] = [];
  let i = 0;
  let inTab: boolean | null = null; // null: not inside :begin_tab:, else whether that tab is kept
  while (i < lines.length) {
    const line = lines[i]!;
    const cell = CELL_OPEN.exec(line);
    if (cell || DROPPED_FENCES.test(line) || /^```+/.test(line)) {
      // Collect the whole fenced block.
      const fence = /^(`+)/.exec(line)![1]!;
      const body: string[] = [];
      i++;
      const isClose = (l: string) => /^`+$/.test(l.trim()) && l.trim().length >= fence.length;
      while (i < lines.length && !isClose(lines[i]!)) {
        body.push(lines[i]!);
        i++;
      }
      i++; // closing fence
      if (inTab === false || DROPPED_FENCES.test(line)) continue;
      if (cell) {
        if (cell[1] === 'output') continue;
        const first = body.findIndex((l) => l.trim() !== '');
        const mark = first >= 0 ? TAB_MARK.exec(body[first]!.trim()) : null;
        if (mark) {
          if (!keepsTab(mark[1]!)) continue;
          body.splice(first, 1);
        } else if (body.some((l) => /^%load_ext d2lbook|tab\.interact_select|^%matplotlib/.test(l.trim()))) {
          continue; // notebook plumbing, not book content
        } else if (usesTabs) {
          continue; // untagged cells belong to d2l's default framework (mxnet)
        }
        // Notebook magics and tab markers inside a cell are build directives, not code to read.
        const code = body.filter((l) => !/^(%(matplotlib|load_ext)\b|#@tab\b|%%tab\b)/.test(l.trim()));
        if (code.every((l) => l.trim() === '')) continue;
        out.push('```python', ...code, '```');
      } else {
        out.push(line, ...body, fence);
      }
      continue;
    }
    i++;
    const begin = BEGIN_TAB.exec(line.trim());
    if (begin) {
      inTab = keepsTab(begin[1]!);
      continue;
    }
    if (/^:end_tab:\s*$/.test(line.trim())) {
      inTab = null;
      continue;
    }
    if (inTab === false) continue;
    const label = LABEL_LINE.exec(line);
    if (label) {
      // A label right under a heading names that heading; elsewhere (figures, equations) it is dropped.
      const prev = out.length - 1;
      if (label[1] === 'label' && prev >= 0 && /^#{1,6}\s/.test(out[prev]!)) out[prev] = `${out[prev]} [[${label[2]}]]`;
      continue;
    }
    if (/^\s*:(maxdepth|numbered):/.test(line)) continue;
    out.push(line);
  }
  return rewriteProse(out.join('\n'), rewriteInline);
}
