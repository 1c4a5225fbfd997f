import type { ChatPassage, ChatTurn, GenerationBackground as Background } from '@physical-ai-reader/protocol';
import type { ChatMessage } from './generation.js';

/** Bump when the personalization prompt changes, so cached chapters written with the old prompt stop matching. */
export const PERSONALIZE_PROMPT_VERSION = 1;

const SOFTWARE_LEVEL: Record<Background['software'], string> = {
  none: 'has never programmed: explain every programming idea in plain words before using it, with everyday analogies',
  beginner: 'knows basic programming (variables, loops, functions): explain libraries, math notation and idioms as they appear',
  intermediate: 'programs comfortably: skip the basics, explain the non-obvious design choices and the math behind them',
  advanced: 'is an experienced engineer: be concise, focus on trade-offs, edge cases, performance and links to related techniques',
};

const HARDWARE_CONTEXT: Record<Background['hardware'], string> = {
  none: 'has no hardware at hand: use simulations and software-only examples',
  hobbyist: 'tinkers with hobby boards (Arduino, Raspberry Pi, hobby servos and sensors): match examples to that kit',
  robotics: 'works with research or educational robots (ROS, robot arms, mobile bases, lidar, cameras): use those in examples',
  industrial: 'works with industrial equipment (PLCs, industrial arms, safety-rated systems): use factory-floor examples',
};

export function personalizeMessages(bg: Background, title: string, markdown: string): ChatMessage[] {
  return [
    {
      role: 'system',
      content: [
        'You rewrite one chapter of a technical textbook for a specific reader.',
        `The reader ${SOFTWARE_LEVEL[bg.software]}.`,
        `The reader ${HARDWARE_CONTEXT[bg.hardware]}.`,
        'Rules: keep every heading, in the same order and at the same level. Keep every code block and every math',
        'expression exactly as written. Keep links and image references. Rewrite only the explanatory prose, pitched to',
        'this reader, and adapt hardware examples to what the reader has. Do not invent facts that the chapter does not',
        'support. Output Markdown only, with no preamble and no closing remarks.',
      ].join(' '),
    },
    { role: 'user', content: `# ${title}\n\n${markdown}` },
  ];
}

/**
 * The grounded question comes last, after the conversation so far as plain user/assistant turns: a follow-up ("and
 * the ankles?") reads in context, while only the passages sent with it count as sources.
 */
export function chatMessages(
  question: string,
  passages: ChatPassage[],
  selection: string | undefined,
  bg: Background | undefined,
  history: readonly ChatTurn[] = [],
): ChatMessage[] {
  const numbered = passages.map((p, i) => `[${i + 1}] ${p.title}\n${p.text}`).join('\n\n');
  const reader = bg ? ` The reader ${SOFTWARE_LEVEL[bg.software]}; the reader ${HARDWARE_CONTEXT[bg.hardware]}.` : '';
  return [
    {
      role: 'system',
      content:
        'You answer questions about a textbook using ONLY the numbered passages given. Cite the passages you use as ' +
        '[n] right after the sentence they support. If the passages do not contain the answer, say so plainly and do ' +
        'not answer from general knowledge. Be brief and exact.' +
        reader,
    },
    ...history.flatMap((t): ChatMessage[] => [
      { role: 'user', content: t.question },
      { role: 'assistant', content: t.answer },
    ]),
    {
      role: 'user',
      content:
        `Passages:\n\n${numbered}\n\n` +
        (selection ? `The reader highlighted this text:\n"""${selection}"""\n\n` : '') +
        `Question: ${question}`,
    },
  ];
}
