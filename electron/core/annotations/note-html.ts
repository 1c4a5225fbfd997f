/**
 * A reader's note, Markdown as typed, rendered to HTML the page can insert: raw HTML is never passed through (it
 * stays out of the tree remark-rehype builds), and the result is sanitized to a short list of text elements. No
 * images (a note must not fetch anything), links only to http(s) and mailto, opened outside the reader.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeSanitize, { type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

const noteSchema: SanitizeSchema = {
  tagNames: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  attributes: { a: ['href'], ol: ['start'] },
  protocols: { href: ['http', 'https', 'mailto'] },
  clobberPrefix: 'note-',
  strip: ['script', 'style'],
};

/** An absolute link out; the sanitizer lets relative ones through, and those resolve against the reader's own page. */
const LINK_OUT = /^(https?:\/\/|mailto:)/i;

/** Links leave the reader in a new window and tell the target nothing; a link that goes nowhere outside stays text. */
function safeLinks() {
  return (tree: Root) => {
    visit(tree, 'element', (el) => {
      if (el.tagName !== 'a') return;
      if (typeof el.properties.href !== 'string' || !LINK_OUT.test(el.properties.href)) delete el.properties.href;
      el.properties.rel = ['noopener', 'noreferrer', 'nofollow'];
      el.properties.target = '_blank';
    });
  };
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize, noteSchema).use(safeLinks).use(rehypeStringify).freeze();

/** The full Markdown pipeline (noteToHtml uses it for any note that is not plain prose). */
export function markdownNoteToHtml(note: string): string {
  if (note.trim() === '') return '';
  return String(processor.processSync(note));
}

/**
 * One line of letters, digits and prose punctuation, starting with a letter, is in Markdown a paragraph of exactly
 * that text (less trailing spaces): no syntax, nothing to escape. Most notes are like that, and a pull of 10,000 of them should not run the
 * pipeline 10,000 times (about 0.5 ms each). Web addresses (`www.`, `://`) are left to the pipeline, which links them.
 * note-html.test.ts checks that both give the same HTML.
 */
const PLAIN_PROSE = /^\p{L}(?:[\p{L}\p{N}\p{M} ,.;:'"?!()%/-]*[\p{L}\p{N}\p{M}.,;:'"?!()%/-])?$/u;
const LINK_LIKE = /www\.|:\/\//i;

export function noteToHtml(note: string): string {
  const line = note.replace(/ +$/, '');
  if (PLAIN_PROSE.test(line) && !LINK_LIKE.test(line)) return `<p>${line}</p>`;
  return markdownNoteToHtml(note);
}
