/** What the reading view's fixed keys do (see BookView); each panel's own key is shown on its toolbar button. */
export const SHORTCUT_HELP: [string, string][] = [
  ['j or →', 'Next chapter'],
  ['k or ←', 'Previous chapter'],
  ['b', 'Bookmark this place'],
  ['c', 'Show or hide contents'],
  ['h', 'Highlight the selected text (last colour used)'],
  ['Enter', 'Open the focused highlight: note, colour, delete, ask'],
  ['Esc', 'Close the open panel'],
];
