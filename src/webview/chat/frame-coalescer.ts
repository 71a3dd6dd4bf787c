// Streams arrive as many tiny deltas; rendering markdown for each would spend the main thread on
// work the eye never sees. Deltas are buffered and flushed at most once per animation frame.

/** Schedules a callback for the next frame (requestAnimationFrame in the webview, fakes in tests). */
export type FrameScheduler = (cb: () => void) => unknown;

/** Buffers text per key and calls `flush` once per frame with everything that arrived. */
export class FrameCoalescer {
  private readonly buffers = new Map<string, { text: string; reasoning: string }>();
  private scheduled = false;

  constructor(
    private readonly schedule: FrameScheduler,
    private readonly flush: (key: string, text: string, reasoning: string) => void,
  ) {}

  /** Adds a delta; the flush happens on the next frame. */
  push(key: string, text = '', reasoning = ''): void {
    const b = this.buffers.get(key) ?? { text: '', reasoning: '' };
    b.text += text;
    b.reasoning += reasoning;
    this.buffers.set(key, b);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.drain());
    }
  }

  /** Flushes now; used when the stream ends so the final render is not a frame late. */
  drain(): void {
    this.scheduled = false;
    const entries = [...this.buffers];
    this.buffers.clear();
    for (const [key, b] of entries) this.flush(key, b.text, b.reasoning);
  }

  /** Drops buffered deltas (e.g. the conversation was switched mid-stream). */
  discard(): void {
    this.buffers.clear();
  }

  /** Whether deltas are waiting for a frame. */
  get pending(): boolean {
    return this.buffers.size > 0;
  }
}
