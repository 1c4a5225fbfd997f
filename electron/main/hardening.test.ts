/**
 * Electron cannot run here, so these drive the real hardening and menu code through a minimal stand-in for the few
 * Electron objects they touch, and check what they decide.
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  app: null as unknown as import('node:events').EventEmitter & { getName(): string; showAboutPanel(): void },
  opened: [] as string[],
  permissionHandlers: {} as Record<string, (...args: unknown[]) => unknown>,
  templates: [] as unknown[],
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  fake.app = Object.assign(new Emitter(), { getName: () => 'Physical AI Reader', showAboutPanel: () => {} });
  return {
    app: fake.app,
    shell: { openExternal: async (url: string) => void fake.opened.push(url) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: never) => (fake.permissionHandlers.request = fn),
        setPermissionCheckHandler: (fn: never) => (fake.permissionHandlers.check = fn),
        setDevicePermissionHandler: (fn: never) => (fake.permissionHandlers.device = fn),
      },
    },
    Menu: { buildFromTemplate: (template: unknown) => (fake.templates.push(template), template) },
  };
});

class FakeContents extends EventEmitter {
  downloads: string[] = [];
  downloadURL(url: string) {
    this.downloads.push(url);
  }
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }) {
    this.openHandler = fn;
  }
}

function fire(contents: FakeContents, name: string, url?: string): boolean {
  let prevented = false;
  contents.emit(name, { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('hardening', () => {
  let contents: FakeContents;
  beforeEach(async () => {
    const { hardenApp } = await import('./hardening.js');
    fake.app.removeAllListeners();
    fake.opened.length = 0;
    hardenApp();
    contents = new FakeContents();
    fake.app.emit('web-contents-created', {}, contents);
  });

  it('blocks every navigation and hands only web links to the OS browser', () => {
    expect(fire(contents, 'will-navigate', 'https://docs.ros.org/')).toBe(true);
    expect(fire(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire(contents, 'will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(fire(contents, 'will-redirect', 'https://elsewhere.example/')).toBe(true);
    expect(fire(contents, 'will-attach-webview')).toBe(true);
    expect(fake.opened).toEqual(['https://docs.ros.org/']);
  });

  it('offers a book file a chapter links to (reader-asset) as a download, never opening it', () => {
    expect(fire(contents, 'will-navigate', 'reader-asset://book/b1/docs/datasheet.pdf')).toBe(true);
    expect(fire(contents, 'will-navigate', 'reader-asset://elsewhere/b1/x.pdf')).toBe(true);
    expect(contents.downloads).toEqual(['reader-asset://book/b1/docs/datasheet.pdf']);
    expect(fake.opened).toEqual([]);
  });

  it('denies every new window, opening web links externally instead', () => {
    expect(contents.openHandler?.({ url: 'https://example.com/paper' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://reader/index.html' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://example.com/paper']);
  });

  it('denies permission requests and checks', async () => {
    const { denyPermissions } = await import('./hardening.js');
    denyPermissions();
    const answers: boolean[] = [];
    fake.permissionHandlers.request?.({}, 'media', (ok: boolean) => answers.push(ok));
    fake.permissionHandlers.request?.({}, 'notifications', (ok: boolean) => answers.push(ok));
    expect(answers).toEqual([false, false]);
    expect(fake.permissionHandlers.check?.({}, 'clipboard-read')).toBe(false);
    expect(fake.permissionHandlers.device?.({})).toBe(false);
  });
});

describe('application menu', () => {
  type Item = { label?: string; role?: string; accelerator?: string; click?: () => void; submenu?: Item[] };
  const labelsAndRoles = (items: Item[]): string[] =>
    items.flatMap((i) => [i.label ?? i.role ?? '', ...(i.submenu ? labelsAndRoles(i.submenu) : [])]);

  it('has File > Import Book (Ctrl/Cmd+O) wired to the import action, and reload only in development', async () => {
    const { buildAppMenu } = await import('./menu.js');
    const importBook = vi.fn();
    const prod = buildAppMenu({ importBook, isDev: false }) as unknown as Item[];
    const file = prod.find((m) => m.label === '&File')!;
    const item = file.submenu!.find((i) => i.label?.startsWith('Import Book'))!;
    expect(item.accelerator).toBe('CmdOrCtrl+O');
    item.click!();
    expect(importBook).toHaveBeenCalledOnce();
    const prodEntries = labelsAndRoles(prod);
    const standard = ['editMenu', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'windowMenu', 'help'];
    expect(prodEntries).toEqual(expect.arrayContaining(standard));
    expect(prodEntries).not.toContain('reload');
    expect(prodEntries).not.toContain('toggleDevTools');
    const dev = labelsAndRoles(buildAppMenu({ importBook, isDev: true }) as unknown as Item[]);
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });
});
