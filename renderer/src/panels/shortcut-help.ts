/** What the reading view's fixed keys do (see BookView); each panel's own key is shown on its toolbar button. */
export const SHORTCUT_HELP: [string, string][] = [
  ['j or →', 'Next chapter'],
  ['k or ←', 'Previous chapter'],
  ['b', 'Bookmark this place'],
  ['c', 'Show or hide contents'],
  ['Esc', 'Close the open panel'],
];
