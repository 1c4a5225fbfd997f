// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { enhanceTabs, revealInTabs } from './chapter-tabs.js';

// The shape the engine stores (see docusaurus-components.ts), written by hand here.
const GROUP = (group: string) => `
  <div class="tabs" data-group-id="${group}">
    <div class="tab-panel" data-tab-value="sim" data-tab-label="Simulator"><p class="tab-label"><strong>Simulator</strong></p><p id="sim-${group}">In the simulator.</p></div>
    <div class="tab-panel" data-tab-value="hw" data-tab-label="Hardware" data-tab-default="true"><p class="tab-label"><strong>Hardware</strong></p><p>On the robot.</p></div>
  </div>`;

function body(html: string): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = html;
  document.body.append(el);
  return el;
}

const shown = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('.tab-panel')].map((p) => (p.hidden ? '-' : p.dataset.tabValue));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('enhanceTabs', () => {
  it('adds a tablist per group, shows the default panel, and undoes itself completely', () => {
    const root = body(GROUP('a'));
    const before = root.innerHTML;
    const undo = enhanceTabs(root);
    expect([...root.querySelectorAll('[role="tab"]')].map((t) => [t.textContent, t.getAttribute('aria-selected')])).toEqual([
      ['Simulator', 'false'],
      ['Hardware', 'true'],
    ]);
    expect(shown(root)).toEqual(['-', 'hw']);
    const panel = root.querySelector('[role="tabpanel"]:not([hidden])')!;
    expect(document.getElementById(panel.getAttribute('aria-labelledby')!)?.textContent).toBe('Hardware');
    // Enhancing twice (React's strict mode runs effects twice) must not add a second tablist.
    const undoAgain = enhanceTabs(root);
    expect(root.querySelectorAll('[role="tablist"]')).toHaveLength(1);
    undoAgain();
    undo();
    expect(root.innerHTML).toBe(before);
  });

  it('switches every group with the same groupId, and only those', () => {
    const root = body(GROUP('rig') + GROUP('rig') + GROUP('other'));
    enhanceTabs(root);
    root.querySelector<HTMLButtonElement>('[role="tab"]')!.click();
    expect(shown(root)).toEqual(['sim', '-', 'sim', '-', '-', 'hw']);
  });

  it('moves with arrow keys, Home and End', () => {
    const root = body(GROUP('k'));
    enhanceTabs(root);
    const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    tabs[1]!.focus();
    tabs[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(document.activeElement).toBe(tabs[0]);
    expect(shown(root)).toEqual(['sim', '-']);
    tabs[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    expect(shown(root)).toEqual(['-', 'hw']);
  });

  it('reveals the tab holding a search hit or link target', () => {
    const root = body(GROUP('s'));
    enhanceTabs(root);
    revealInTabs(root, root.querySelector('#sim-s'));
    expect(shown(root)).toEqual(['sim', '-']);
  });
});
