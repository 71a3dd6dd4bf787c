// The small interfaces through which the editor (or a test) feeds the core.

/** Time source; tests pass a fake one to drive cooldowns and day boundaries. */
export interface Clock {
  /** Wall-clock epoch ms: for timestamps and day boundaries, never for durations. */
  now(): number;
  /** A clock that never steps back (NTP, a VM resuming), for durations. */
  monotonic?(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now(), monotonic: () => performance.now() };

/**
 * Milliseconds since the call, on the clock's monotonic source (its wall clock when it has none,
 * as simple test clocks do), never negative.
 */
export function stopwatch(clock: Clock): () => number {
  const read = clock.monotonic ? () => clock.monotonic!() : () => clock.now();
  const start = read();
  return () => Math.max(0, read() - start);
}

/** Where API keys live. The VS Code side implements it over SecretStorage; nothing else stores keys. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Small durable key-value state (conversations, preferences), e.g. VS Code's globalState. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Promise<void>;
}

/** A sink for diagnostic lines. Callers must never pass keys, prompts or outputs unless the user opted in. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
