/** What the reading view's keys do (see useShortcuts); shown in Settings. */
export const SHORTCUT_HELP: [string, string][] = [
  ['j or →', 'Next chapter'],
  ['k or ←', 'Previous chapter'],
  ['/', 'Search this book'],
  ['b', 'Bookmark this place'],
  ['m', 'Show bookmarks'],
  ['c', 'Show or hide contents'],
  [',', 'Settings'],
  ['Esc', 'Close the open panel'],
];
