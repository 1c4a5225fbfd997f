/**
 * The ReaderApi: the one seam between the engine (electron/core) and the page (renderer).
 *
 * Every method is declared once here with its input schema and output type. Both hosts (Electron IPC and the
 * loopback web host) iterate over `methods` and parse input with the method's schema, so adding a method needs no
 * per-method code in either host. This file is imported by the renderer for types only (and by the hosts for the
 * schemas), so it must stay free of Node imports.
 */
import { z } from 'zod';

const id = z.string().min(1).max(200);

export const ThemeSchema = z.enum(['system', 'light', 'dark', 'sepia']);
export const SettingsSchema = z.object({
  theme: ThemeSchema,
  fontSize: z.number().int().min(12).max(32),
  lineWidth: z.number().int().min(40).max(120), // characters per line (ch)
});
export type Settings = z.infer<typeof SettingsSchema>;

export interface BookSummary {
  id: string;
  title: string;
  chapterCount: number;
  bundled: boolean;
  sourceDir: string;
  /** Last chapter opened in this book, for "continue reading". */
  lastRead: { chapterId: string; chapterTitle: string; position: number; at: string } | null;
}

export interface TocEntry {
  id: string;
  title: string;
  /** Path of the source file relative to the book folder. */
  file: string;
  depth: number;
  order: number;
}

export interface OutlineEntry {
  depth: number;
  text: string;
  anchor: string;
}

export interface ChapterView {
  bookId: string;
  id: string;
  title: string;
  file: string;
  /** Sanitized HTML produced at import time. */
  html: string;
  outline: OutlineEntry[];
  prevId: string | null;
  nextId: string | null;
  /** Saved reading position: fraction of the chapter scrolled, 0..1. */
  position: number;
}

export interface Bookmark {
  id: string;
  bookId: string;
  chapterId: string;
  chapterTitle: string;
  anchor: string | null;
  position: number;
  label: string;
  createdAt: string;
}

export interface SearchHit {
  chapterId: string;
  chapterTitle: string;
  /** Snippet with matches wrapped in <mark>; everything else is escaped text. */
  snippetHtml: string;
  /** The matched terms, so the chapter view can highlight and scroll to them. */
  terms: string[];
}

export interface ImportResult {
  bookId: string;
  title: string;
  chapterCount: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

// Accounts. The background levels are the remote service's (issue 3); the page never sees tokens, only this profile.
export const SoftwareBackgroundSchema = z.enum(['none', 'beginner', 'intermediate', 'advanced']);
export const HardwareBackgroundSchema = z.enum(['none', 'hobbyist', 'robotics', 'industrial']);
export type SoftwareBackground = z.infer<typeof SoftwareBackgroundSchema>;
export type HardwareBackground = z.infer<typeof HardwareBackgroundSchema>;
export const BackgroundSchema = z.object({
  softwareBackground: SoftwareBackgroundSchema,
  hardwareBackground: HardwareBackgroundSchema,
  softwareDetail: z.string().trim().max(200).optional(),
  hardwareDetail: z.string().trim().max(200).optional(),
});
export type Background = z.infer<typeof BackgroundSchema>;

export interface Profile {
  email: string;
  name: string;
  softwareBackground: SoftwareBackground;
  hardwareBackground: HardwareBackground;
  softwareDetail: string | null;
  hardwareDetail: string | null;
}

/** A method: what it accepts (validated at the host boundary) and, as a type only, what it returns. */
interface Method<I extends z.ZodType, O> {
  input: I;
  output?: O;
}
function method<I extends z.ZodType>(input: I) {
  return { returns: <O>(): Method<I, O> => ({ input }) };
}

const position = z.number().min(0).max(1);

export const methods = {
  listBooks: method(z.object({}).strict()).returns<BookSummary[]>(),
  getToc: method(z.object({ bookId: id }).strict()).returns<TocEntry[]>(),
  openChapter: method(z.object({ bookId: id, chapterId: id }).strict()).returns<ChapterView>(),
  saveProgress: method(z.object({ bookId: id, chapterId: id, position }).strict()).returns<{ ok: true }>(),
  listBookmarks: method(z.object({ bookId: id }).strict()).returns<Bookmark[]>(),
  addBookmark: method(
    z
      .object({
        bookId: id,
        chapterId: id,
        position,
        anchor: z.string().max(200).nullable(),
        label: z.string().max(300),
      })
      .strict(),
  ).returns<Bookmark>(),
  removeBookmark: method(z.object({ bookmarkId: id }).strict()).returns<{ ok: true }>(),
  searchBook: method(z.object({ bookId: id, query: z.string().trim().min(1).max(200) }).strict()).returns<
    SearchHit[]
  >(),
  getSettings: method(z.object({}).strict()).returns<Settings>(),
  setSettings: method(SettingsSchema.partial().strict()).returns<Settings>(),
  importBook: method(z.object({ dir: z.string().min(1).max(4096) }).strict()).returns<ImportResult>(),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type InputOf<K extends MethodName> = z.input<Methods[K]['input']>;
export type OutputOf<K extends MethodName> = NonNullable<Methods[K]['output']>;

/** Events pushed from the engine to the page. */
export interface ReaderEvents {
  libraryChanged: { bookId: string };
}
export type EventName = keyof ReaderEvents;
/** Every event name at run time (the record makes the compiler insist the list is complete), for the hosts. */
const eventKeys: { [E in EventName]: true } = { libraryChanged: true };
export const eventNames = Object.keys(eventKeys) as EventName[];

/** What `window.reader` is, in either host. */
export type ReaderApi = { [K in MethodName]: (input: InputOf<K>) => Promise<OutputOf<K>> } & {
  on<E extends EventName>(event: E, listener: (payload: ReaderEvents[E]) => void): () => void;
};

/** What the core implements: the same methods, receiving already-validated input. */
export type ReaderCoreMethods = { [K in MethodName]: (input: z.output<Methods[K]['input']>) => Promise<OutputOf<K>> };

/** Errors the page may show to the user as they are; anything else becomes a generic message. */
export class ReaderError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid_input' | 'conflict' | 'unavailable' | 'cancelled',
    message: string,
  ) {
    super(message);
    this.name = 'ReaderError';
  }
}

export const methodNames = Object.keys(methods) as MethodName[];
