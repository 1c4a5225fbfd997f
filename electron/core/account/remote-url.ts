/**
 * The remote service address, as every entry point accepts it (the sign-in methods' schema, CLI --remote,
 * READER_REMOTE_URL, the saved URL). Zod only: the page's contract types import it too.
 */
import { z } from 'zod';

/**
 * Loopback by the WHATWG parser's reading (the one fetch uses), so `http://127.0.0.1.evil.com`,
 * `http://127.0.0.1@evil.com` and `http://localhost.evil.com` are other hosts, and `http://0x7f000001` is 127.0.0.1.
 */
function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/** The password goes to this URL: https, or plain http only to this machine; never with a user name or password. */
export const RemoteUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .superRefine((raw, ctx) => {
    const url = URL.canParse(raw) ? new URL(raw) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      ctx.addIssue({ code: 'custom', message: 'The remote service address must be an https:// URL' });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'The remote service address must not contain a user name or password' });
    } else if (url.protocol === 'http:' && !isLoopback(url)) {
      ctx.addIssue({
        code: 'custom',
        message: `The remote service address must use https:// (plain http:// is allowed only for 127.0.0.1, [::1] and localhost): ${raw}`,
      });
    }
  });
