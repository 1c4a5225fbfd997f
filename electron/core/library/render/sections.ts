/**
 * Outline and search sections from the transformed mdast. Working on the tree (not the source) is what makes
 * `# comment` lines inside code fences code rather than headings.
 */
import type { OutlineEntry } from '../../contract.js';
import { plainText, type MdNode } from './mdast-node.js';
import type { ChapterSection } from './types.js';

/**
 * A link written `[text]((url)` is not a link to Markdown, so its brackets and URL stay in the heading's text
 * (deep-rl-class has one); a heading is shown and cited as plain text, so those leftovers go.
 */
const MALFORMED_LINK = /\[([^\]]*)\]\(+\s*[a-z][\w+.-]*:\/\/[^\s)]*\)?/gi;

const headingText = (n: MdNode) =>
  plainText(n)
    .replace(MALFORMED_LINK, '$1')
    .replace(/\s+/g, ' ')
    .trim();
const anchorOf = (n: MdNode) => String(n.data?.hProperties?.id ?? '');

const isCodeTitle = (n: MdNode) => (n.data?.hProperties?.className as string[] | undefined)?.includes('code-title') === true;

function hasHeadingOrCode(n: MdNode): boolean {
  return (n.children ?? []).some((c) => c.type === 'heading' || c.type === 'code' || hasHeadingOrCode(c));
}

export function buildSections(root: MdNode, title: string): ChapterSection[] {
  const sections: ChapterSection[] = [{ anchor: '', heading: title, depth: 0, path: [title], blocks: [] }];
  const stack: { depth: number; text: string }[] = [];
  const walk = (parent: MdNode) => {
    for (const n of parent.children ?? []) {
      if (n.type === 'heading') {
        const heading = headingText(n);
        const depth = n.depth ?? 1;
        while (stack.length && stack.at(-1)!.depth >= depth) stack.pop();
        stack.push({ depth, text: heading });
        // The chapter title heading starts the path; a leading h1 equal to the title is not repeated.
        const path = stack.map((s) => s.text);
        if (path[0] !== title) path.unshift(title);
        sections.push({ anchor: anchorOf(n), heading, depth, path, blocks: [] });
      } else if (isCodeTitle(n)) {
        continue; // the file name above a code block is a caption, not prose
      } else if (n.type === 'code') {
        if (n.value?.trim()) sections.at(-1)!.blocks.push({ kind: 'code', text: n.value });
      } else if (hasHeadingOrCode(n)) {
        walk(n);
      } else {
        const t = plainText(n).trim();
        if (t) sections.at(-1)!.blocks.push({ kind: 'prose', text: t });
      }
    }
  };
  walk(root);
  // Drop the untitled lead-in when the chapter starts with its heading right away.
  return sections[0]!.blocks.length === 0 && sections.length > 1 ? sections.slice(1) : sections;
}

export function buildOutline(root: MdNode): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  const walk = (parent: MdNode) => {
    for (const n of parent.children ?? []) {
      if (n.type === 'heading') out.push({ depth: n.depth ?? 1, text: headingText(n), anchor: anchorOf(n) });
      else if (n.type !== 'code' && n.children) walk(n);
    }
  };
  walk(root);
  return out;
}
