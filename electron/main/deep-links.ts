/**
 * `physical-ai-reader://` links opened in the OS (the exported notes' links): the app registers as their handler and
 * hands each checked link to the window as the page's `#/link?u=...` route. A link arrives as `open-url` on macOS
 * (also before the app is ready), and on Windows and Linux in the arguments of the first launch or, when the app
 * already runs, of the second instance the single-instance lock turns away. Anything but a well-formed link of ours
 * (core hosting/deep-link.ts) is ignored.
 */
import { resolve } from 'node:path';
import type { App } from 'electron';
import { DEEP_LINK_SCHEME, deepLinkInArgs, deepLinkRoute, parseDeepLink } from '../core/hosting/deep-link.js';
import { logger } from '../core/logging/program-log.js';

type DeepLinkApp = Pick<App, 'on' | 'setAsDefaultProtocolClient'>;

export interface DeepLinkOptions {
  argv: readonly string[];
  /** Started as `electron .` (development): the OS must be told to run Electron with our entry script. */
  defaultApp: boolean;
  /** Shows the route in the window (now, or once it exists). */
  deliver(route: string): void;
}

/** Call at start, before the app is ready (macOS sends `open-url` early). Returns the first launch's link route, if any. */
export function listenForDeepLinks(app: DeepLinkApp, options: DeepLinkOptions): string | null {
  const accept = (raw: string | null): string | null => {
    if (!raw) return null;
    if (!parseDeepLink(raw)) {
      logger('deep-link').warn('ignored a link that is not a reader link');
      return null;
    }
    return deepLinkRoute(raw);
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const route = accept(url);
    if (route) options.deliver(route);
  });
  app.on('second-instance', (_event, argv) => {
    const route = accept(deepLinkInArgs(argv));
    if (route) options.deliver(route);
  });
  try {
    const registered =
      options.defaultApp && options.argv[1]
        ? app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, options.argv[0], [resolve(options.argv[1])])
        : app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
    if (!registered) logger('deep-link').info('the OS did not take the reader as the handler of its links');
  } catch (err) {
    logger('deep-link').warn('could not register the link scheme', { error: err });
  }
  return accept(deepLinkInArgs(options.argv));
}
