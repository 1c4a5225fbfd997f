/** Sends a file found by the shared safe-path resolver (the same one the Electron protocols use). */
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { mimeType } from '../hosting/protocols.js';

export function sendFile(res: ServerResponse, file: string, head: boolean, cache: string): void {
  res.writeHead(200, { 'Content-Type': mimeType(file), 'Cache-Control': cache });
  if (head) {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** Copies a fetch-style Response (from the shared protocol handlers) onto a Node response. */
export async function sendResponse(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  res.end(head || !response.body ? undefined : Buffer.from(await response.arrayBuffer()));
}
