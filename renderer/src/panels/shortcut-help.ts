/** What the reading view's fixed keys do (see BookView); each panel's own key is shown on its toolbar button. */
export const SHORTCUT_HELP: [string, string][] = [
  ['j or →', 'Next chapter'],
  ['k or ←', 'Previous chapter'],
  ['b', 'Bookmark this place'],
  ['c', 'Show or hide contents'],
  ['h', 'Highlight the selected text (last colour used)'],
  ['t', 'Move to the toolbar of the selected text (colours, note, ask)'],
  ['Enter', 'Open the focused highlight: note, colour, delete, ask'],
  ['Esc', 'Close the open panel'],
];
