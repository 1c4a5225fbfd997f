/**
 * The engine as a Node child process (the web host, the CLI-free arrangement the tests use): engine-process.ts
 * forked under tsx, messages over the IPC channel. Electron's utilityProcess does the same in electron/main.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EngineChannel } from './protocol.js';

const ENTRY = fileURLToPath(new URL('./engine-process.ts', import.meta.url));

export type ForkedEngine = EngineChannel & { readonly pid: number | undefined };

export function forkEngine(): ForkedEngine {
  // stdout and stderr are the host's, so the engine's logs land where the host's do.
  const child = fork(ENTRY, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    pid: child.pid,
    send(message) {
      // A failed send means the process is going: its 'close' rejects the call, so the error needs no handling
      // here (the callback only stops it from being emitted as an unhandled 'error').
      if (child.connected) child.send(message, () => undefined);
    },
    onMessage(listener) {
      child.on('message', listener);
    },
    onExit(listener) {
      // 'exit' can come before the IPC channel has delivered the last messages; 'close' comes after both.
      child.once('close', (code, signal) => listener(signal ? `killed by ${signal}` : `exit code ${code}`));
    },
    kill() {
      child.kill('SIGKILL');
    },
  };
}
