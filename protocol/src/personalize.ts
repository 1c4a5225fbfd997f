import { z } from 'zod';
import { generationBackground } from './background.js';
import { generationEvents, type GenerationEvent } from './stream-events.js';

/** POST /api/personalize: a chapter rewritten for the background in the caller's JWT. */
export const PERSONALIZE_PATH = '/api/personalize';
/** Largest chapter accepted, in UTF-8 bytes of Markdown. */
export const MARKDOWN_MAX_BYTES = 200 * 1024;

const utf8 = new TextEncoder();

export const personalizeRequest = z.object({
  chapterId: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  title: z.string().trim().min(1, 'is required').max(300, 'must be at most 300 characters'),
  markdown: z
    .string()
    .min(1, 'is required')
    .refine((m) => utf8.encode(m).length <= MARKDOWN_MAX_BYTES, `must be at most ${MARKDOWN_MAX_BYTES} bytes`),
  /** A fresh rewrite instead of this reader's cached one (which it then replaces); still counts against the rate limit. */
  regenerate: z.boolean().optional(),
});
export type PersonalizeRequest = z.input<typeof personalizeRequest>;

export const personalizeMeta = z.object({
  chapterId: z.string(),
  model: z.string(),
  background: generationBackground,
  /** sha256 of title and Markdown: what the cached rewrite is keyed by. */
  contentHash: z.string(),
});
export type PersonalizeMeta = z.infer<typeof personalizeMeta>;

/** `done` carries nothing beyond `complete` and `chars`. */
export type PersonalizeDone = Record<never, never>;

export type PersonalizeEvent = GenerationEvent<PersonalizeMeta, PersonalizeDone>;
export const personalizeEvent = generationEvents<PersonalizeMeta, PersonalizeDone>(personalizeMeta, z.object({}));
