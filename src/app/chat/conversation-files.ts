// Where conversations live on disk: one file per conversation plus an index, in a directory under
// the extension's global storage. The store sees only this port, so it is tested without a disk.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A flat directory of small text files. */
export interface ConversationFiles {
  /** The file's text, or undefined when it does not exist. */
  read(name: string): string | undefined;
  /** Replaces the file whole: readers see the old text or the new one, never a mix. `durable` waits for the disk. */
  write(name: string, text: string, opts?: { durable?: boolean }): void;
  /**
   * Rewrites the file where it is, without the replace that `write` does. Much faster on ext4,
   * which flushes a file renamed over another (or truncated to zero) before going on, but a reader
   * may see a mix of old and new text: only for a cache that is rebuilt when it reads badly.
   */
  overwrite(name: string, text: string): void;
  /** Removes the file; a missing file is not an error. */
  remove(name: string): void;
  /** Names of the files present (temporary files excluded). */
  list(): string[];
}

const TMP = '.tmp-';

/** The port over a real directory (created on first write). */
export function directoryFiles(dir: string): ConversationFiles {
  let seq = 0;
  return {
    read(name) {
      try {
        return fs.readFileSync(path.join(dir, name), 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    write(name, text, opts = {}) {
      fs.mkdirSync(dir, { recursive: true });
      // A per-process, per-write temporary name: two windows writing the same file never share one.
      const tmp = path.join(dir, `${TMP}${process.pid}-${++seq}-${name}`);
      const fd = fs.openSync(tmp, 'w');
      try {
        fs.writeFileSync(fd, text);
        if (opts.durable) fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, path.join(dir, name));
      if (opts.durable) syncDirectory(dir);
    },
    overwrite(name, text) {
      fs.mkdirSync(dir, { recursive: true });
      const bytes = Buffer.from(text);
      const fd = fs.openSync(path.join(dir, name), fs.constants.O_WRONLY | fs.constants.O_CREAT);
      try {
        let at = 0;
        while (at < bytes.length) at += fs.writeSync(fd, bytes, at, bytes.length - at, at);
        fs.ftruncateSync(fd, bytes.length);
      } finally {
        fs.closeSync(fd);
      }
    },
    remove(name) {
      fs.rmSync(path.join(dir, name), { force: true });
    },
    list() {
      try {
        return fs.readdirSync(dir).filter((n) => !n.startsWith(TMP));
      } catch {
        return [];
      }
    },
  };
}

/** Makes a rename durable; not every platform can open a directory, and there it is skipped. */
function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows cannot fsync a directory; NTFS journals the rename itself.
  }
}
