/** What the reader shows for a chapter that could not be rendered: its title and the reason, nothing of its source. */
import { escapeHtml } from '../store/fts-query.js';
import type { RenderJob } from './render-job.js';
import { anchorTextWithHeadings } from './anchor-text.js';
import { noDiagnostics, type RenderedChapter } from './types.js';

export function failedChapter(job: RenderJob, reason: string): RenderedChapter {
  const title = job.title ?? job.file;
  const message = `This chapter could not be rendered: ${reason}`;
  const html = `<h1 id="top">${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`;
  return {
    title,
    html,
    anchorText: anchorTextWithHeadings(html),
    text: `${title}\n\n${message}`,
    outline: [],
    sections: [{ anchor: '', heading: title, depth: 0, path: [title], blocks: [{ kind: 'prose', text: message }] }],
    diagnostics: noDiagnostics(),
  };
}
