// Files under MEDIA_DIR: <yyyy>/<mm>/<uuid>.<ext>, written to a temp file beside them and renamed into
// place, so a reader never sees half a file. Keys are made here, never taken from a request.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export class MediaStore {
  readonly #root: string;
  readonly #tmp: string;

  constructor(root: string) {
    this.#root = path.resolve(root);
    // Inside the root so that rename() stays on one filesystem and is atomic.
    this.#tmp = path.join(this.#root, '.tmp');
  }

  /** A fresh path for a file being received or processed; the caller removes it when done. */
  async tempPath(suffix: string): Promise<string> {
    await fs.promises.mkdir(this.#tmp, { recursive: true, mode: 0o700 });
    return path.join(this.#tmp, `${crypto.randomUUID()}.${suffix}`);
  }

  /** The storage key for a new file: <yyyy>/<mm>/<id>.<ext>, by UTC date. */
  keyFor(id: string, ext: string, at: Date = new Date()): string {
    const yyyy = String(at.getUTCFullYear());
    const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
    return `${yyyy}/${mm}/${id}.${ext}`;
  }

  /** Moves a finished temp file to its key. */
  async commit(tempPath: string, key: string): Promise<void> {
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o750 });
    await fs.promises.rename(tempPath, target);
  }

  /** Absolute path of a stored file; refuses keys that would leave MEDIA_DIR. */
  pathOf(key: string): string {
    const full = path.resolve(this.#root, key);
    if (!full.startsWith(this.#root + path.sep)) throw new Error(`storage key escapes MEDIA_DIR: ${key}`);
    return full;
  }

  /** Removes a file if it is there; for clean-up paths, so it never throws. */
  async discard(filePath: string): Promise<void> {
    await fs.promises.rm(filePath, { force: true }).catch(() => {});
  }
}
