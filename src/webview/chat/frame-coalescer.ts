// Streams arrive as many tiny deltas; rendering markdown for each would spend the main thread on
// work the eye never sees. Deltas are buffered and flushed at most once per animation frame. After
// a flush that cost more than HEAVY_MS, the next waits until that flush is at most MAX_SHARE of the
// time since it began, and at least SPACING_MS: a very fast stream then updates 20 times a second
// or less, and its rendering scripts leave at least three quarters of the main thread to typing,
// scrolling and clicks. On a machine so busy that one flush takes hundreds of milliseconds, that
// share would hold the text back for seconds; the wait is capped at MAX_GAP_MS, so the answer
// still visibly grows.

/** Schedules a callback for the next frame (requestAnimationFrame in the webview, fakes in tests). */
type FrameScheduler = (cb: () => void) => unknown;

/** A flush that took longer than this (ms) spaces out the next one. */
export const HEAVY_MS = 4;
/** Minimum time (ms) from the start of a heavy flush to the start of the next. */
export const SPACING_MS = 50;
/** The largest share of the main thread a run of heavy flushes may take. */
export const MAX_SHARE = 0.25;
/** The longest wait (ms) from the start of one flush to the start of the next. */
export const MAX_GAP_MS = 1000;

/** Buffers text per key and calls `flush` once per frame with everything that arrived. */
export class FrameCoalescer {
  private readonly buffers = new Map<string, { text: string; reasoning: string }>();
  private scheduled = false;
  private notBefore = 0;

  constructor(
    private readonly schedule: FrameScheduler,
    private readonly flush: (key: string, text: string, reasoning: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Adds a delta; the flush happens on a coming frame. */
  push(key: string, text = '', reasoning = ''): void {
    const b = this.buffers.get(key) ?? { text: '', reasoning: '' };
    b.text += text;
    b.reasoning += reasoning;
    this.buffers.set(key, b);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.onFrame());
    }
  }

  /** Flushes now; used when the stream ends so the final render is not a frame late. */
  drain(): void {
    this.scheduled = false;
    const entries = [...this.buffers];
    this.buffers.clear();
    const start = this.now();
    for (const [key, b] of entries) this.flush(key, b.text, b.reasoning);
    const took = this.now() - start;
    this.notBefore = took > HEAVY_MS ? start + Math.min(MAX_GAP_MS, Math.max(SPACING_MS, took / MAX_SHARE)) : 0;
  }

  /** Drops buffered deltas (e.g. the conversation was switched mid-stream). */
  discard(): void {
    this.buffers.clear();
  }

  /** Whether deltas are waiting for a frame. */
  get pending(): boolean {
    return this.buffers.size > 0;
  }

  private onFrame(): void {
    if (!this.scheduled) return; // drained in between
    if (this.now() < this.notBefore) this.schedule(() => this.onFrame());
    else this.drain();
  }
}
