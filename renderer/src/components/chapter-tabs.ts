/**
 * Tabs in chapter HTML. The engine stores every tab as a labelled panel (`div.tabs > div.tab-panel[data-tab-*]`),
 * readable without script; here they become real tabs: a tablist of buttons, one panel shown at a time, arrow keys
 * between tabs, the author's default first. Tab groups sharing a `data-group-id` switch together, as in Docusaurus.
 */

const ENHANCED = 'tabsEnhanced';
let nextId = 0;

function panelsOf(group: HTMLElement): HTMLElement[] {
  return [...group.children].filter((c): c is HTMLElement => c instanceof HTMLElement && c.classList.contains('tab-panel'));
}

function tabsOf(group: HTMLElement): HTMLButtonElement[] {
  return [...group.querySelectorAll<HTMLButtonElement>(':scope > [role="tablist"] > [role="tab"]')];
}

/** Shows the tab at `index` of one group. */
function select(group: HTMLElement, index: number): void {
  const tabs = tabsOf(group);
  panelsOf(group).forEach((panel, i) => {
    const on = i === index;
    panel.hidden = !on;
    tabs[i]?.setAttribute('aria-selected', String(on));
    if (tabs[i]) tabs[i].tabIndex = on ? 0 : -1;
  });
}

/** Shows the tab with `value` in every group of `groupId` under `root` (groups without that value keep theirs). */
function selectEverywhere(root: HTMLElement, groupId: string, value: string): void {
  for (const group of root.querySelectorAll<HTMLElement>(`.tabs[data-group-id="${CSS.escape(groupId)}"]`)) {
    const index = panelsOf(group).findIndex((p) => p.dataset.tabValue === value);
    if (index >= 0) select(group, index);
  }
}

function choose(root: HTMLElement, group: HTMLElement, index: number): void {
  const value = panelsOf(group)[index]?.dataset.tabValue;
  if (group.dataset.groupId && value !== undefined) selectEverywhere(root, group.dataset.groupId, value);
  else select(group, index);
}

function enhance(root: HTMLElement, group: HTMLElement): void {
  const panels = panelsOf(group);
  if (panels.length === 0) return;
  group.dataset[ENHANCED] = 'true';
  const list = document.createElement('div');
  list.setAttribute('role', 'tablist');
  list.className = 'tab-list';
  // Not the book's text: highlight offsets skip it (annotations/chapter-text.ts).
  list.dataset.readerUi = '';
  panels.forEach((panel, i) => {
    const id = `reader-tab-${++nextId}`;
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.id = id;
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-controls', `${id}-panel`);
    tab.textContent = panel.dataset.tabLabel || panel.dataset.tabValue || `Tab ${i + 1}`;
    tab.addEventListener('click', () => choose(root, group, i));
    list.append(tab);
    panel.id = `${id}-panel`;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', id);
    panel.tabIndex = 0;
  });
  list.addEventListener('keydown', (event) => {
    const tabs = tabsOf(group);
    const current = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (current < 0) return;
    const next =
      event.key === 'ArrowRight' ? (current + 1) % tabs.length
      : event.key === 'ArrowLeft' ? (current - 1 + tabs.length) % tabs.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? tabs.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    choose(root, group, next);
    tabs[next]!.focus();
  });
  group.prepend(list);
  const preferred = panels.findIndex((p) => p.dataset.tabDefault !== undefined);
  select(group, preferred >= 0 ? preferred : 0);
}

/** Puts the stored panels back as they were (all shown, no tablist). */
function restore(group: HTMLElement): void {
  group.querySelector(':scope > [role="tablist"]')?.remove();
  for (const panel of panelsOf(group)) {
    panel.hidden = false;
    for (const attr of ['id', 'role', 'aria-labelledby', 'tabindex']) panel.removeAttribute(attr);
  }
  delete group.dataset[ENHANCED];
}

/** Turns every tab group under `root` into tabs; returns the undo. */
export function enhanceTabs(root: HTMLElement): () => void {
  const groups = [...root.querySelectorAll<HTMLElement>('.tabs')].filter((g) => !g.dataset[ENHANCED]);
  for (const group of groups) enhance(root, group);
  return () => groups.forEach(restore);
}

/** If `el` sits in a hidden tab panel (a search hit, a link target), shows that tab. */
export function revealInTabs(root: HTMLElement, el: Element | null): void {
  for (let panel = el?.closest<HTMLElement>('.tab-panel[hidden]'); panel; panel = panel.parentElement?.closest<HTMLElement>('.tab-panel[hidden]')) {
    const group = panel.parentElement;
    if (group) choose(root, group, panelsOf(group).indexOf(panel));
  }
}
