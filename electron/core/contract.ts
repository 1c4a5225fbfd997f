/**
 * The ReaderApi: the one seam between the engine (electron/core) and the page (renderer).
 *
 * Every method is declared once here with its input schema and output type. Both hosts (Electron IPC and the
 * loopback web host) iterate over `methods` and parse input with the method's schema, so adding a method needs no
 * per-method code in either host. This file is imported by the renderer for types only (and by the hosts for the
 * schemas), so it must stay free of Node imports.
 */
import type { EffectivePolicy } from './policy/policy-types.js';
import type { UpdateState } from './updates/update-state.js';
import { z } from 'zod';
import {
  backgroundFields,
  type BackgroundFields,
  PASSWORD_MAX,
  PASSWORD_MIN,
  type HardwareBackground,
  type SoftwareBackground,
} from '@physical-ai-reader/protocol';
import { RemoteUrlSchema } from './account/remote-url.js';

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
  /** Web links the book's table of contents shows among its chapters (a Docusaurus sidebar's `link` items). */
  tocLinks: TocLink[];
}

/** A web link in the table of contents: opened outside the reader. */
export interface TocLink {
  title: string;
  /** An http(s) URL. */
  href: string;
  /** `order` of the chapter it follows; -1: before the first. */
  afterOrder: number;
  depth: number;
  parents: string[];
}

export interface TocEntry {
  id: string;
  title: string;
  /** Path of the source file relative to the book folder. */
  file: string;
  depth: number;
  order: number;
  /** Labels of the groups (units, categories) holding this chapter, outermost first; the TOC shows them as headers. */
  parents: string[];
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

/** A book file an import left out or could not render, and why (plain words, shown to the reader). */
export interface ImportProblem {
  /** Path relative to the book folder, '/' separated. */
  file: string;
  reason: string;
}

/** What an import found that a course author or lab admin can act on; `reader check` prints the same. */
export interface ImportReport {
  /** Where the reading order came from, in plain words (e.g. `sidebars.js, sidebar "tutorial"`, `folders`). */
  order: string;
  /** How the book was read, e.g. the site config could not be read statically and defaults were used. */
  notes: string[];
  /** Pages in no sidebar: kept, last, in a group of their own. */
  notInSidebar: string[];
  /** Files the site's own build leaves out (partials, tests, drafts, `exclude` patterns), with the reason. */
  excluded: ImportProblem[];
  /** Chapters that did not parse as MDX and were read as CommonMark, with the parser's message. */
  mdxFallbacks: ImportProblem[];
  /** Components the reader does not know, shown as their children, with the chapters that use them. */
  unknownComponents: { name: string; files: string[] }[];
  /** Links and images in a chapter that point to nothing in the book. */
  unresolvedLinks: { file: string; target: string }[];
  unresolvedImages: { file: string; target: string }[];
  /** What looks wrong with the result as a whole (e.g. one chapter from a folder holding many pages). */
  warnings: string[];
}

/** One book an import stored. */
export interface BookImported {
  bookId: string;
  title: string;
  chapterCount: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Files left out: outside the book, not regular files, too big, or unusable (e.g. a broken table of contents). */
  skipped: ImportProblem[];
  /** Chapters that could not be rendered: they show the reason instead of their text. */
  failed: ImportProblem[];
  report: ImportReport;
}

/** The first (or only) book a folder held, and the rest: a Docusaurus site with several docs plugin instances is one book per instance. */
export interface ImportResult extends BookImported {
  moreBooks: BookImported[];
}

// Accounts. The background levels are the remote service's, from the protocol both sides share; the page never
// sees tokens, only this profile.
export {
  softwareBackground as SoftwareBackgroundSchema,
  hardwareBackground as HardwareBackgroundSchema,
  backgroundFields as BackgroundSchema,
} from '@physical-ai-reader/protocol';
export type { SoftwareBackground, HardwareBackground };
export type Background = BackgroundFields;

export interface Profile {
  email: string;
  name: string;
  softwareBackground: SoftwareBackground;
  hardwareBackground: HardwareBackground;
  softwareDetail: string | null;
  hardwareDetail: string | null;
}

export interface AccountState {
  signedIn: boolean;
  profile: Profile | null;
  /** 'online': confirmed by the service now; 'cache': verified offline against the last keys seen. */
  verified: 'online' | 'cache' | null;
  tokenExpired: boolean;
  offlineReason: string | null;
  remoteUrl: string;
  /** persistent false: no usable OS keychain, the session ends when the app closes (notice says why). */
  keychain: { persistent: boolean; notice: string | null };
}

/**
 * Sync of the signed-in student's state (progress, bookmarks, settings, highlights, notes, ask threads) through
 * the service. `pending`: local changes not yet acknowledged by the service.
 */
export interface SyncStatus {
  state: 'signed_out' | 'idle' | 'syncing' | 'offline' | 'error';
  lastSyncedAt: string | null;
  pending: number;
  lastError: string | null;
}

/** "Continue where you left off on <deviceName>": a newer position from another device, brought by a pull. */
export interface Handoff {
  id: string;
  bookId: string;
  bookTitle: string;
  chapterId: string;
  chapterTitle: string;
  position: number;
  deviceName: string;
  /** When it was read there, by that device's clock (shown, never compared). */
  at: string;
}

export interface PersonalizedChapter {
  bookId: string;
  chapterId: string;
  /** Sanitized HTML of the rewritten chapter. */
  html: string;
  softwareBackground: SoftwareBackground;
  hardwareBackground: HardwareBackground;
  createdAt: string;
}

/**
 * Progress of a streaming job (personalizeChapter, askOnline). The page picks the job id and passes it in, so it
 * can listen before the first piece arrives; every streaming method reports through this one event.
 */
export type JobEvent =
  | { jobId: string; type: 'text'; text: string }
  | { jobId: string; type: 'done'; complete: boolean; citations: { n: number; id: string }[] }
  | { jobId: string; type: 'error'; error: SerializedError };

const uuid = z.string().uuid();
const jobId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, - or _');
const email = z.string().trim().toLowerCase().email().max(254);
const personName = z.string().trim().min(1).max(100);
/** The service to use for this sign-in, when the reader changed it (the setting); otherwise the configured one. */
const remoteUrl = RemoteUrlSchema.optional();

/** A passage found by offline search: one section of a chapter, with the text that matched. */
export interface AskPassage {
  chapterId: string;
  chapterTitle: string;
  /** Source file relative to the book folder. */
  file: string;
  /** Section heading as plain text, and its element id in the chapter HTML ('' = top of the chapter). */
  heading: string;
  anchor: string;
  text: string;
  score: number;
}
/** Where an answer sentence comes from: `passage` indexes AskResult.passages. */
export interface AskCitation {
  passage: number;
  chapterId: string;
  chapterTitle: string;
  heading: string;
  anchor: string;
}
export interface AskResult {
  /** Extractive answer: the book's own best sentences, each cited; null when none answers well enough. */
  answer: { sentences: { text: string; citation: AskCitation }[] } | null;
  passages: AskPassage[];
  /** Why there is nothing to show (empty, too long or nonsense question; index still building). */
  message?: string;
  /** The ask thread the question was kept in, when one was asked for. */
  threadId?: string;
}
export interface IndexStatus {
  bookId: string;
  state: 'ready' | 'indexing' | 'missing' | 'failed';
  phase: string | null;
  done: number;
  total: number;
  chunkCount: number;
  builtAt: string | null;
  message: string | null;
}

// ---- Highlights, notes and ask history ------------------------------------------------------------------------
// Offsets are in the chapter's anchor text: every text node of the chapter HTML in order, except math's visual copy
// and what the page adds (electron/core/library/render/anchor-text.ts; the page computes the same from its DOM).

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export const HighlightColorSchema = z.enum(HIGHLIGHT_COLORS);
export type HighlightColor = z.infer<typeof HighlightColorSchema>;
export const NOTE_MAX_CHARS = 10_000;
export const QUOTE_MAX_CHARS = 4_000;
/** The largest notes file `importAnnotations` takes. */
export const NOTES_FILE_MAX_CHARS = 5_000_000;
/** Characters of context kept either side of a quote (as Hypothesis does). */
export const QUOTE_CONTEXT_CHARS = 32;

/** W3C Web Annotation selectors, as stored and exported. */
export const TextQuoteSelectorSchema = z
  .object({
    type: z.literal('TextQuoteSelector'),
    exact: z.string().min(1).max(QUOTE_MAX_CHARS),
    prefix: z.string().max(256).default(''),
    suffix: z.string().max(256).default(''),
  })
  .strict();
export type TextQuoteSelector = z.infer<typeof TextQuoteSelectorSchema>;
export const TextPositionSelectorSchema = z
  .object({ type: z.literal('TextPositionSelector'), start: z.number().int().min(0), end: z.number().int().min(1) })
  .strict()
  .refine((p) => p.end > p.start, 'end must be after start');
export type TextPositionSelector = z.infer<typeof TextPositionSelectorSchema>;

/** Where a highlight or cited passage was made: the selectors, and the edition of the chapter they describe. */
export interface TextTarget {
  chapterId: string;
  /** Source file relative to the book folder ('/' separated): the W3C `target.source`. */
  file: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  /** Heading texts from the chapter title down to the section holding the quote. */
  sectionPath: string[];
  /** The chapter's content hash when the selectors were taken. */
  contentHash: string;
}

/**
 * Where it sits in the current edition. 'anchored': found by position, or its words found verbatim (long enough to
 * stand alone, or with the context on one side unchanged); 'review': placed with less confidence (reworded words, a
 * short quote whose context changed), worth a look; 'orphan': not found anywhere in the book (kept, never deleted).
 * The rule is in electron/core/annotations/placement.ts.
 */
export interface TextAnchor {
  status: 'anchored' | 'review' | 'orphan';
  chapterId: string | null;
  chapterTitle: string | null;
  /** Offsets in the chapter's anchor text; 0 for an orphan. */
  start: number;
  end: number;
  /** 0..1 match score (1: the same words in the same context). */
  score: number;
  /** The text it now sits on ('' for an orphan). */
  exact: string;
  /** Element id of the section heading it now sits under ('' = top of the chapter), for scrolling. */
  sectionAnchor: string;
}

export interface Annotation {
  id: string;
  bookId: string;
  color: HighlightColor;
  /** The reader's note, Markdown as typed ('' = a plain highlight). */
  note: string;
  /** The note rendered from Markdown and sanitized by the engine ('' when no note). */
  noteHtml: string;
  target: TextTarget;
  anchor: TextAnchor;
  /** The ask thread started from this highlight ("Ask about this"), if any. */
  threadId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A selection in the chapter view: offsets in the anchor text and the text the page saw there (checked). */
const selection = z
  .object({
    chapterId: id,
    start: z.number().int().min(0).max(100_000_000),
    end: z.number().int().min(1).max(100_000_000),
    exact: z.string().min(1).max(QUOTE_MAX_CHARS),
  })
  .strict()
  .refine((s) => s.end > s.start, { message: 'end must be after start', path: ['end'] });
const note = z.string().max(NOTE_MAX_CHARS);

export interface AnnotationsImportResult {
  imported: number;
  /** Already present (same id): left as they are. */
  existing: number;
  anchored: number;
  review: number;
  orphans: number;
  /** Entries that could not be read, by index in the file, with the reason. */
  skipped: { index: number; reason: string }[];
}

/** A passage an answer cites, with selectors so it is found again in a new edition. */
export interface AskCitationRecord {
  n: number;
  chapterTitle: string;
  heading: string;
  target: TextTarget | null;
  anchor: TextAnchor | null;
}
export interface AskMessage {
  id: string;
  question: string;
  /** The answer as shown: extractive sentences or the generated text, with [n] markers; '' when none. */
  answer: string;
  citations: AskCitationRecord[];
  mode: 'offline' | 'online';
  /** The model that wrote an online answer (null offline). */
  model: string | null;
  createdAt: string;
}
export interface AskThreadSummary {
  id: string;
  bookId: string;
  title: string;
  /** The highlight it was started from, if any. */
  annotationId: string | null;
  messageCount: number;
  lastMode: 'offline' | 'online';
  createdAt: string;
  updatedAt: string;
}
export interface AskThread extends AskThreadSummary {
  messages: AskMessage[];
}

export type { EffectivePolicy, PolicySetting, PolicyNotice } from './policy/policy-types.js';
export type { UpdateState, UpdateStateKind } from './updates/update-state.js';

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
  /** The report of the book's last import, built from what is stored; null for a book imported before reports were kept. */
  /** The lab policy in force: each key's value and where it came from (machine, user, default), and ignored sources. */
  getPolicy: method(z.object({}).strict()).returns<EffectivePolicy>(),
  /** The app's updater: mode, install kind and where it is (`unsupported` in the web host and the CLI). */
  getUpdateState: method(z.object({}).strict()).returns<UpdateState>(),
  /** Downloads the version on offer (only when the update mode is `auto`); progress comes as `updateState`. */
  downloadUpdate: method(z.object({}).strict()).returns<{ ok: true }>(),
  /** Quits and installs the downloaded update; the app restarts. */
  installUpdate: method(z.object({}).strict()).returns<{ ok: true }>(),
  getImportReport: method(z.object({ bookId: id }).strict()).returns<{ report: ImportReport | null }>(),
  getAccount: method(z.object({}).strict()).returns<AccountState>(),
  signUp: method(
    z
      .object({ email, password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX), name: personName, ...backgroundFields.shape, remoteUrl })
      .strict(),
  ).returns<AccountState>(),
  signIn: method(z.object({ email, password: z.string().min(1).max(128), remoteUrl }).strict()).returns<AccountState>(),
  /**
   * Sends unsent changes first (`flush`, the default; fails with code 'offline' and details.kind 'unsent_changes'
   * when they cannot go), or keeps them on this machine for the student's next sign-in here (`keep`), or drops
   * them (`discard`); then removes the student's synced data from this machine.
   */
  signOut: method(z.object({ unsent: z.enum(['flush', 'keep', 'discard']).optional() }).strict()).returns<{ ok: true; remoteSignedOut: boolean }>(),
  /** Push then pull now; resolves with the status after the run (a failed run is in `state`/`lastError`). */
  syncNow: method(z.object({}).strict()).returns<SyncStatus>(),
  syncStatus: method(z.object({}).strict()).returns<SyncStatus>(),
  updateBackground: method(backgroundFields.partial().extend({ name: personName.optional() }).strict()).returns<AccountState>(),
  /** Starts streaming a personalized version of the chapter as `jobEvent`s; saved when complete. */
  personalizeChapter: method(z.object({ jobId, bookId: id, chapterId: id, regenerate: z.boolean().optional() }).strict()).returns<{
    jobId: string;
  }>(),
  /** The saved personalized version for the signed-in reader's current background, online or offline. */
  getPersonalized: method(z.object({ bookId: id, chapterId: id }).strict()).returns<{
    personalized: PersonalizedChapter | null;
  }>(),
  /** Starts streaming an answer grounded in locally found passages, with [n] citations, as `jobEvent`s. */
  askOnline: method(
    z
      .object({
        jobId,
        question: z.string().trim().min(1).max(2000),
        passages: z
          .array(z.object({ id, title: z.string().max(300), text: z.string().min(1).max(4000) }).strict())
          .min(1)
          .max(12),
        selection: z.string().max(4000).optional(),
        /**
         * Keep the question and answer in this ask thread of the book (created on first use with this id); the
         * thread's last turns go with the question, so a follow-up can lean on them.
         */
        thread: z.object({ bookId: id, threadId: uuid, annotationId: uuid.optional() }).strict().optional(),
        /** Which of the book's passages each `passages[i]` is (chapter and section), for the thread's citations. */
        passageSources: z.array(z.object({ chapterId: id, anchor: z.string().max(200) }).strict()).max(12).optional(),
      })
      .strict(),
  ).returns<{ jobId: string }>(),
  cancelJob: method(z.object({ jobId }).strict()).returns<{ ok: true }>(),
  /** Offline question answering over the book's local index (hybrid keyword + vector search). */
  ask: method(
    z
      .object({
        bookId: id,
        // Long questions get a friendly message from the engine; this bound only stops abuse.
        question: z.string().max(2000),
        k: z.number().int().min(1).max(20).optional(),
        chapterId: id.optional(),
        /** Keep the question and its answer in this ask thread (created on first use with this id). */
        threadId: uuid.optional(),
        /** Start the thread from this highlight ("Ask about this"). */
        annotationId: uuid.optional(),
      })
      .strict(),
  ).returns<AskResult>(),
  indexStatus: method(z.object({ bookId: id }).strict()).returns<IndexStatus>(),
  cancelIndexing: method(z.object({ bookId: id }).strict()).returns<IndexStatus>(),
  /** Every highlight of the book (orphans too) in reading order, each with where it sits now. */
  listAnnotations: method(z.object({ bookId: id }).strict()).returns<Annotation[]>(),
  addAnnotation: method(
    z.object({ id: uuid.optional(), bookId: id, selection, color: HighlightColorSchema, note: note.optional() }).strict(),
  ).returns<Annotation>(),
  updateAnnotation: method(z.object({ annotationId: uuid, color: HighlightColorSchema.optional(), note: note.optional() }).strict()).returns<Annotation>(),
  /** Marks it deleted (a tombstone, for undo and sync); `restoreAnnotation` undoes that. */
  deleteAnnotation: method(z.object({ annotationId: uuid }).strict()).returns<{ ok: true }>(),
  restoreAnnotation: method(z.object({ annotationId: uuid }).strict()).returns<Annotation>(),
  /** Moves a highlight (typically an orphan) onto newly selected text. */
  reattachAnnotation: method(z.object({ annotationId: uuid, selection }).strict()).returns<Annotation>(),
  /** The book's notes as Markdown (with links that open the reader there) or W3C Web Annotation JSON. */
  exportAnnotations: method(z.object({ bookId: id, format: z.enum(['markdown', 'json']) }).strict()).returns<{
    filename: string;
    mediaType: string;
    content: string;
  }>(),
  /** Imports W3C Web Annotation JSON (ours or another tool's) into the book, anchoring each entry. */
  importAnnotations: method(z.object({ bookId: id, content: z.string().min(1).max(NOTES_FILE_MAX_CHARS) }).strict()).returns<AnnotationsImportResult>(),
  listAskThreads: method(z.object({ bookId: id, query: z.string().max(200).optional() }).strict()).returns<AskThreadSummary[]>(),
  getAskThread: method(z.object({ threadId: uuid }).strict()).returns<AskThread>(),
  renameAskThread: method(z.object({ threadId: uuid, title: z.string().trim().min(1).max(200) }).strict()).returns<AskThreadSummary>(),
  deleteAskThread: method(z.object({ threadId: uuid }).strict()).returns<{ ok: true }>(),
  /** Positions from other devices worth offering (newest per book), for one book or all. */
  getHandoff: method(z.object({ bookId: id.optional() }).strict()).returns<Handoff[]>(),
  /** The offer was taken or declined: it is not made again (until that device moves on). */
  dismissHandoff: method(z.object({ handoffId: z.string().min(1).max(301) }).strict()).returns<{ ok: true }>(),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type InputOf<K extends MethodName> = z.input<Methods[K]['input']>;
export type OutputOf<K extends MethodName> = NonNullable<Methods[K]['output']>;

/** Events pushed from the engine to the page. */
export interface ReaderEvents {
  libraryChanged: { bookId: string };
  jobEvent: JobEvent;
  indexProgress: IndexStatus;
  /** The engine process died and a new one took over (the page says so; a call in flight failed 'unavailable'). */
  engineRestarted: { message: string };
  /** A book's highlights or notes changed (added, edited, re-anchored after an import, imported). */
  annotationsChanged: { bookId: string };
  /** A book's ask threads changed. */
  askThreadsChanged: { bookId: string };
  /** Sync started, finished, failed, or the number of unsent changes moved (sign-out shows the flush with it). */
  syncStatus: SyncStatus;
  /** The updater moved on (checking, a version on offer, download progress, ready to restart). */
  updateState: UpdateState;
}
export type EventName = keyof ReaderEvents;
/** Every event name at run time (the record makes the compiler insist the list is complete), for the hosts. */
const eventKeys: { [E in EventName]: true } = {
  libraryChanged: true,
  jobEvent: true,
  indexProgress: true,
  engineRestarted: true,
  annotationsChanged: true,
  askThreadsChanged: true,
  syncStatus: true,
  updateState: true,
};
export const eventNames = Object.keys(eventKeys) as EventName[];

/** What `window.reader` is, in either host. */
export type ReaderApi = { [K in MethodName]: (input: InputOf<K>) => Promise<OutputOf<K>> } & {
  on<E extends EventName>(event: E, listener: (payload: ReaderEvents[E]) => void): () => void;
};

/** What the core implements: the same methods, receiving already-validated input. */
export type ReaderCoreMethods = { [K in MethodName]: (input: z.output<Methods[K]['input']>) => Promise<OutputOf<K>> };

/**
 * The one error model: what every failed call carries to the page, in either host, whole. The code decides what
 * the page does; details say where (the field at fault, the chapter) and when to retry; the message is for people.
 */
export const ErrorCodeSchema = z.enum([
  'not_found',
  'invalid_input',
  'conflict',
  'unauthorized',
  'rate_limited',
  'offline',
  'timeout',
  'unavailable',
  'cancelled',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;
export const ErrorDetailsSchema = z.object({
  /** The input field at fault (e.g. "email"), for showing the message next to it. */
  field: z.string().max(100).optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  chapterId: z.string().max(200).optional(),
  /** The finer cause behind the code, e.g. the service's "bad_gateway" behind "unavailable". */
  kind: z.string().max(40).optional(),
});
export type ErrorDetails = z.infer<typeof ErrorDetailsSchema>;
export const SerializedErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string().max(2000),
  details: ErrorDetailsSchema,
});
export type SerializedError = z.infer<typeof SerializedErrorSchema>;

/** Errors the page may show to the user as they are; anything else becomes `internal` with a generic message. */
export { ReaderError } from './reader-error.js';

export const methodNames = Object.keys(methods) as MethodName[];
