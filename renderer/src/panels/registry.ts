/**
 * The reading view's side panels: each gets a toolbar button, an optional one-key shortcut and the same BookContext.
 * To add a panel, write its component in this folder and add one line below.
 */
import { createElement, type ComponentType } from 'react';
import type { PanelButton } from '../components/PanelButtons.js';
import type { PanelProps } from './book-context.js';
import { AskPanel } from '../ask/AskPanel.js';
import { AccountPanel } from '../account/AccountPanel.js';
import { BookmarksPanel } from './BookmarksPanel.js';
import { NotesPanel } from './NotesPanel.js';
import { SearchPanel } from './SearchPanel.js';
import { SettingsPanel } from './SettingsPanel.js';

export interface PanelDefinition extends PanelButton {
  Component: ComponentType<PanelProps>;
}

/** The Account panel takes only what any view gives (the library opens it too). */
function BookAccountPanel({ book }: PanelProps) {
  return createElement(AccountPanel, { announce: book.announce, onError: book.onError });
}

export const PANELS: PanelDefinition[] = [
  { id: 'search', label: 'Search', shortcut: '/', Component: SearchPanel },
  { id: 'ask', label: 'Ask', shortcut: 'a', Component: AskPanel },
  { id: 'bookmarks', label: 'Bookmarks', shortcut: 'm', Component: BookmarksPanel },
  { id: 'notes', label: 'Notes', shortcut: 'n', Component: NotesPanel },
  { id: 'settings', label: 'Settings', shortcut: ',', Component: SettingsPanel },
  { id: 'account', label: 'Account', Component: BookAccountPanel },
];
