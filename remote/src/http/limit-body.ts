import { bodyLimit } from 'hono/body-limit';
import { jsonError } from './errors.js';

/**
 * Refuses bodies over `maxBytes` with 413 before reading them. The connection is closed afterwards: the unread
 * rest of the body would otherwise sit in front of the client's next request on a kept-alive socket.
 */
export function limitBody(maxBytes: number, message: string) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => jsonError(c, 413, { error: 'body_too_large', message }, { Connection: 'close' }),
  });
}
