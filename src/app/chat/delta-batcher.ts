// A fast host streams a thousand or more deltas a second, and each would be one postMessage to
// every chat view, one validation on each side and one dispatch. Deltas are sent at once when
// the stream has been quiet, and otherwise gathered for at most WINDOW_MS: the first token is
// never delayed, and a fast stream costs about sixty messages a second instead of thousands.

/** How long (ms) deltas are gathered after one was sent. */
export const WINDOW_MS = 16;

/** Timer functions (the global ones, fakes in tests). */
export interface Timers {
  set(cb: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = { set: (cb, ms) => setTimeout(cb, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

/** Gathers text and reasoning deltas of one answer and sends them in order, throttled. */
export class DeltaBatcher {
  private text = '';
  private reasoning = '';
  private timer: unknown;

  constructor(
    private readonly send: (delta: { text?: string; reasoning?: string }) => void,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Adds a delta; sent now if the window is closed, else when it closes. */
  push(text = '', reasoning = ''): void {
    this.text += text;
    this.reasoning += reasoning;
    if (this.timer === undefined) this.tick();
  }

  /** Sends whatever is gathered now (before a status message, and when the answer ends). */
  flush(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.emit();
  }

  private tick(): void {
    if (!this.emit()) {
      this.timer = undefined;
      return;
    }
    this.timer = this.timers.set(() => this.tick(), WINDOW_MS);
  }

  private emit(): boolean {
    if (!this.text && !this.reasoning) return false;
    this.send({ text: this.text || undefined, reasoning: this.reasoning || undefined });
    this.text = '';
    this.reasoning = '';
    return true;
  }
}
