/**
 * The engine as an Electron utilityProcess: the built engine-process.js, messages over the process's MessagePort
 * (postMessage here, process.parentPort there), the same protocol the web host speaks to its Node child process.
 */
import { utilityProcess } from 'electron';
import type { EngineChannel } from '../core/engine/protocol.js';

export function forkUtilityEngine(entry: string): EngineChannel {
  // stdio inherited: the engine's logs land where main's do.
  const child = utilityProcess.fork(entry, [], { serviceName: 'Physical AI Reader engine', stdio: 'inherit' });
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.once('exit', (code) => listener(`exit code ${code}`)),
    kill: () => void child.kill(),
  };
}
