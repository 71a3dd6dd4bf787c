// How far each raw file has been read, and the bytes just before that point, so a file that
// shrank or was rewritten behind a reader is noticed instead of read from the middle of a line.
import type { Appended } from './appender';
import type { Checkpoint } from './checkpoint';
import { inDir, readTail, TAIL_BYTES, type RawFile } from './files';

/** The checkpoint fields that describe read positions. */
type CursorSnapshot = Pick<Checkpoint, 'files' | 'tails' | 'fragments'>;

/** Read positions of every raw file. */
export class FileCursors {
  private readonly offsets = new Map<string, number>();
  private readonly tails = new Map<string, Buffer>();
  /** Unterminated tails (torn, or being written): offsets always sit at a line boundary. */
  private readonly fragments = new Map<string, string>();
  /** Raw bytes already inside a summary (files a compaction has not removed yet). */
  readonly covered = new Map<string, number>();

  clear(): void {
    this.offsets.clear();
    this.tails.clear();
    this.fragments.clear();
    this.covered.clear();
  }

  restore(cp: CursorSnapshot): void {
    for (const [name, offset] of Object.entries(cp.files)) this.offsets.set(name, offset);
    for (const [name, tail] of Object.entries(cp.tails)) this.tails.set(name, Buffer.from(tail, 'base64'));
    for (const [name, text] of Object.entries(cp.fragments)) this.fragments.set(name, text);
  }

  snapshot(): CursorSnapshot {
    return {
      files: Object.fromEntries(this.offsets),
      tails: Object.fromEntries([...this.tails].map(([name, b]) => [name, b.toString('base64')])),
      fragments: Object.fromEntries(this.fragments),
    };
  }

  /** Moves past this window's own append when it starts exactly where reading stopped; false when the file changed behind it. */
  advance(w: Appended): boolean {
    if ((this.offsets.get(w.name) ?? 0) !== w.start || this.fragments.has(w.name)) return false;
    this.offsets.set(w.name, w.start + w.bytes.length);
    const tail = w.bytes.length >= TAIL_BYTES ? w.bytes : Buffer.concat([this.tails.get(w.name) ?? Buffer.alloc(0), w.bytes]);
    this.tails.set(w.name, tail.subarray(Math.max(0, tail.length - TAIL_BYTES)));
    return true;
  }

  /**
   * Reads the new complete lines of every file; `rebuild` when one shrank or was rewritten
   * under the reader (then nothing after it was read). `onFragment` hears of each new torn tail.
   */
  readNew(
    dir: string,
    raw: readonly RawFile[],
    onLine: (file: string, line: string) => void,
    onFragment: (file: string) => void,
  ): 'ok' | 'rebuild' {
    for (const f of raw) {
      const seen = this.offsets.get(f.name);
      const tail = readTail(inDir(dir, f.name), seen ?? this.covered.get(f.name) ?? 0, this.tails.get(f.name));
      // Shorter than a summary says: nothing of it is left to count (the summary holds it).
      if (tail.status === 'shrunk' && seen === undefined) continue;
      if (tail.status === 'shrunk' || tail.status === 'rewritten') return 'rebuild';
      for (const line of tail.lines) if (line.length) onLine(f.name, line);
      this.offsets.set(f.name, tail.nextOffset);
      this.tails.set(f.name, tail.tail);
      const before = this.fragments.get(f.name);
      if (tail.fragment && tail.fragment !== before) {
        this.fragments.set(f.name, tail.fragment);
        onFragment(f.name);
      } else if (!tail.fragment) this.fragments.delete(f.name);
    }
    return 'ok';
  }
}
