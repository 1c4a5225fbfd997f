import { contextBridge } from 'electron';

declare const __READER_METHOD_NAMES__: string[];
contextBridge.exposeInMainWorld('reader', Object.fromEntries(__READER_METHOD_NAMES__.map((n) => [n, () => undefined])));
