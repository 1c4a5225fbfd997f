/**
 * The `data-testid`s the reader keeps stable for Playwright scripts (ours and course staff's): renaming one is a
 * breaking change. tests/unit/test-ids.test.ts checks that each still exists in the renderer.
 * Use with `page.getByTestId(TEST_IDS.chapter)`.
 */
export const TEST_IDS = {
  /** The library page; its book list is `aria-busy` until the engine has answered. */
  library: 'library',
  bookCard: 'book-card',
  bookTitle: 'book-title',
  /** A book card's "open" button. */
  openBook: 'open-book',
  continueLink: 'continue-link',
  navLibrary: 'nav-library',
  /** The chapter article; carries `data-chapter-id`. */
  chapter: 'chapter',
  chapterNext: 'chapter-next',
  chapterPrev: 'chapter-prev',
  toc: 'toc',
  /** A table-of-contents link; carries `data-chapter-id`. */
  tocEntry: 'toc-entry',
  toolbarContents: 'toolbar-contents',
  toolbarSearch: 'toolbar-search',
  toolbarAsk: 'toolbar-ask',
  searchInput: 'search-input',
  searchResult: 'search-result',
  askInput: 'ask-input',
  askSubmit: 'ask-submit',
  askAnswer: 'ask-answer',
  askPassage: 'ask-passage',
  askCitation: 'ask-citation',
  importPath: 'import-path',
  importSubmit: 'import-submit',
  importSummary: 'import-summary',
  settingsPanel: 'settings-panel',
  toolbarAccount: 'toolbar-account',
  accountPanel: 'account-panel',
  signupForm: 'signup-form',
  /** Shown in the account panel when there is no usable keychain (the session will not be remembered). */
  keychainNotice: 'keychain-notice',
  errorBanner: 'error-banner',
  status: 'status',
} as const;

export type TestId = (typeof TEST_IDS)[keyof typeof TEST_IDS];
