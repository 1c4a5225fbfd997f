/**
 * The only way book planners touch the book's folder. A book is untrusted input: it may hold symlinks out of the
 * folder (`leak.md -> ~/.ssh/id_rsa`, `rootfs -> /`), FIFOs that block a reader forever, device files that never
 * end (/dev/zero) or huge files. Every file is read only when its real path is inside the book's real path, it
 * is a regular file and it is no bigger than the cap, checked before reading. Anything refused is remembered with
 * the reason, for the import summary.
 *
 * Symlinked folders are never walked into, even ones pointing inside the book: that keeps loops impossible and
 * every chapter reachable by exactly one path. A symlinked file pointing inside the book is read.
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isInside } from '../../hosting/safe-path.js';
import { byName, splitFrontMatter, toPosix, type SourceFile } from './book-files.js';
import type { ImportProblem } from '../../contract.js';

const SKIP_DIRS = new Set(['node_modules', '.git', 'static', 'src', 'blog', 'i18n', 'build', '.docusaurus', 'img', 'images', 'assets']);

// Repository paperwork that sits beside a book's pages but is not part of the book.
const REPO_FILES = /^(license|licence|changelog|contributing|code_of_conduct|security|authors)([-_.].*)?\.mdx?$/i;

/** Deeper folders are not read: no real book nests this far, and the walk's recursion stays shallow. */
const MAX_FOLDER_DEPTH = 24;

// Opening a FIFO without O_NONBLOCK waits for a writer; O_NOFOLLOW refuses a symlink swapped in after the check.
// Neither exists on Windows, which has no FIFOs of this kind.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

export class BookReader {
  private refused = new Map<string, string>();

  /** `root`: the book folder's real path. */
  constructor(
    readonly root: string,
    private maxFileBytes: number,
  ) {}

  /** Files refused so far, by book-relative path. */
  skipped(): ImportProblem[] {
    return [...this.refused].map(([file, reason]) => ({ file, reason })).sort((a, b) => byName(a.file, b.file));
  }

  /** Records a file the planners could not use (also for reasons found after reading, e.g. bad YAML). */
  refuse(path: string, reason: string): null {
    this.refused.set(this.relative(path), reason);
    return null;
  }

  /** Text of a file inside the book, or null (and the reason recorded) when it may not be read. */
  read(path: string): string | null {
    let real: string;
    try {
      real = realpathSync(path);
    } catch (err) {
      return this.refuse(path, `it cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!isInside(this.root, real)) return this.refuse(path, 'it is a link to a file outside the book');
    // Checked before opening too: opening some device files has effects of its own.
    if (!statSync(real, { throwIfNoEntry: false })?.isFile()) return this.refuse(path, 'it is not a regular file (a device, FIFO or socket)');
    let fd: number;
    try {
      fd = openSync(real, OPEN_FLAGS);
    } catch (err) {
      return this.refuse(path, `it cannot be opened (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return this.refuse(path, 'it is not a regular file (a device, FIFO or socket)');
      if (stat.size > this.maxFileBytes) return this.refuse(path, `it is larger than the ${this.maxFileBytes}-byte limit (${stat.size} bytes)`);
      const buf = Buffer.alloc(stat.size);
      let n = 0;
      for (let got = -1; n < buf.length && got !== 0; n += got) got = readSync(fd, buf, n, buf.length - n, n);
      return buf.toString('utf8', 0, n);
    } finally {
      closeSync(fd);
    }
  }

  /** A page split into front matter and body, or null when it may not be read. */
  readSource(path: string): SourceFile | null {
    const raw = this.read(path);
    return raw === null ? null : splitFrontMatter(raw);
  }

  /**
   * Markdown/MDX files under `dir` (recursively), relative to `dir`, skipping build and asset folders and repository
   * paperwork. `allFolders`: a Docusaurus docs folder, where every folder (`i18n/`, `img/`, `assets/`) and every
   * file is a page; only `node_modules` is passed over.
   */
  listMarkdown(dir: string, opts: { allFolders?: boolean } = {}): string[] {
    const skipDir = (name: string) => (opts.allFolders ? name === 'node_modules' : SKIP_DIRS.has(name));
    // The start folder itself may be a link (a Docusaurus `docs -> /`); its entries are checked below.
    if (!isInside(this.root, realpathSync(dir))) {
      this.refuse(dir, 'it is a symbolic link to a folder outside the book (not followed)');
      return [];
    }
    const out: string[] = [];
    const walk = (d: string, depth: number) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.name.startsWith('.')) continue;
        const p = join(d, e.name);
        if (e.isDirectory()) {
          if (skipDir(e.name)) continue;
          if (depth >= MAX_FOLDER_DEPTH) this.refuse(p, `it is nested more than ${MAX_FOLDER_DEPTH} folders deep`);
          else walk(p, depth + 1);
        } else if (e.isSymbolicLink() && !skipDir(e.name) && statSync(p, { throwIfNoEntry: false })?.isDirectory()) {
          this.refuse(p, 'it is a symbolic link to a folder (not followed)');
        } else if (/\.mdx?$/i.test(e.name) && (opts.allFolders || !REPO_FILES.test(e.name))) {
          out.push(toPosix(relative(dir, p))); // FIFOs, devices and links out of the book are refused when read
        }
      }
    };
    walk(dir, 0);
    return out.sort(byName);
  }

  private relative(path: string): string {
    return toPosix(relative(this.root, path));
  }
}
