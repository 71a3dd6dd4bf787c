// A ChatPort over a scripted router, an in-memory store, a recording editor and a fake clock.
import type { Charge, Endpoint } from '../../../../src/core/catalog/types';
import { ProviderError } from '../../../../src/core/errors';
import type { Clock, KeyValueStore, Logger } from '../../../../src/core/platform';
import type { BrokenAnswer } from '../../../../src/core/router/continuation';
import type { RoutedRequest, RouterEvent } from '../../../../src/core/router/types';
import type { Usage } from '../../../../src/core/types';
import type { EditorBridge } from '../../../../src/app/chat/chat-controller';
import type { ChatPort } from '../../../../src/app/chat/chat-port';
import type { ConversationFiles } from '../../../../src/app/chat/conversation-files';

/** A clock that moves only when told to. */
export class FakeClock implements Clock {
  t = 1_700_000_000_000;
  now(): number {
    return this.t;
  }
}

/** An in-memory KeyValueStore that round-trips through JSON like globalState. */
export class MemoryKv implements KeyValueStore {
  readonly data = new Map<string, string>();
  get<T>(key: string): T | undefined {
    const v = this.data.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, JSON.stringify(value));
  }
}

/** Conversation files in memory; `writes` counts writes per file name. */
export class MemoryFiles implements ConversationFiles {
  readonly data = new Map<string, string>();
  readonly writes = new Map<string, number>();
  readonly durable = new Set<string>();
  read(name: string): string | undefined {
    return this.data.get(name);
  }
  write(name: string, text: string, opts: { durable?: boolean } = {}): void {
    this.data.set(name, text);
    this.writes.set(name, (this.writes.get(name) ?? 0) + 1);
    if (opts.durable) this.durable.add(name);
  }
  overwrite(name: string, text: string): void {
    this.write(name, text);
  }
  remove(name: string): void {
    this.data.delete(name);
  }
  list(): string[] {
    return [...this.data.keys()];
  }
}

/** An endpoint for tests. */
export function endpoint(provider: string, modelId: string, canonical = 'acme/model-1'): Endpoint {
  return {
    canonicalModel: canonical,
    provider,
    modelId,
    capabilities: { images: false, reasoning: false, tools: false },
    source: 'bundled',
    price: { inputPerMTok: 1, outputPerMTok: 2 },
  };
}

/** Usage for tests. */
export function usage(input: number, output: number, extra: Partial<Usage> = {}): Usage {
  return { inputTokens: input, outputTokens: output, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, ...extra };
}

/** One step of a scripted stream: an event, a clock advance, or a wait for the abort signal. */
export type Step = RouterEvent | { advance: number } | { waitForAbort: true };

/** A successful stream served by `provider`, with a price. */
export function okScript(provider: string, texts: string[], charge: Charge = { usd: 0.0005, status: 'exact' }): Step[] {
  const ep = endpoint(provider, 'model-1');
  const u = usage(100, 20);
  return [
    { type: 'response-metadata', provider, modelId: 'model-1' },
    { advance: 250 },
    ...texts.flatMap((t): Step[] => [{ type: 'text-delta', text: t }, { advance: 100 }]),
    { type: 'usage', usage: u },
    {
      type: 'attempt',
      attempt: {
        endpoint: ep,
        outcome: 'success',
        retry: 0,
        fallback: false,
        startedAt: 0,
        durationMs: 600,
        ttftMs: 250,
        usage: u,
        charge,
      },
    },
    {
      type: 'route-report',
      report: {
        servedBy: ep,
        attempts: [
          { endpoint: ep, outcome: 'success', retry: 0, fallback: false, startedAt: 0, durationMs: 600, ttftMs: 250, usage: u, charge },
        ],
        strategy: 'balanced',
      },
    },
    { type: 'finish', reason: 'stop' },
  ];
}

/** An error stream from `provider`. */
export function errorScript(provider: string, category: ProviderError['category'], before: Step[] = []): Step[] {
  return [
    ...before,
    { type: 'error', error: new ProviderError({ category, provider, message: `boom sk-test-SENTINEL-abcdefghijklmnop0123` }) },
    { type: 'finish', reason: 'error' },
  ];
}

/** A ChatPort whose router plays scripts in order and records every request. */
export class FakePort implements ChatPort {
  readonly requests: RoutedRequest[] = [];
  readonly scripts: Step[][] = [];
  readonly logs: string[] = [];
  estimates = 0;
  logger: Logger = { info: (m) => this.logs.push(m), warn: (m) => this.logs.push(m), error: (m) => this.logs.push(m) };

  constructor(private readonly clock: FakeClock) {}

  /** Providers the fake model is hosted on, for hasRouteWithout. */
  hosts = ['alpha', 'beta'];
  async hasRouteWithout(_model: string, ignore: readonly string[]): Promise<boolean> {
    return this.hosts.some((h) => !ignore.includes(h));
  }

  /** What each "continue elsewhere" handed the engine, beside its request in `requests`. */
  readonly continued: BrokenAnswer[] = [];
  continueElsewhere(req: RoutedRequest, broken: BrokenAnswer): AsyncIterable<RouterEvent> {
    this.continued.push(structuredClone(broken));
    return this.route(req);
  }

  async *route(req: RoutedRequest): AsyncIterable<RouterEvent> {
    this.requests.push({ ...req, messages: req.messages.map((m) => ({ ...m })) });
    const script = this.scripts.shift() ?? [];
    for (const step of script) {
      if ('advance' in step) this.clock.t += step.advance;
      else if ('waitForAbort' in step) {
        await new Promise<void>((resolve) =>
          req.signal?.aborted ? resolve() : req.signal?.addEventListener('abort', () => resolve(), { once: true }),
        );
        yield { type: 'finish', reason: 'cancelled' };
        return;
      } else yield step;
      await Promise.resolve();
    }
  }
  async pickerModels() {
    return [
      {
        id: 'acme/model-1',
        displayName: 'Model One',
        contextWindow: 128000,
        hosts: [{ provider: 'alpha', providerName: 'Alpha', modelId: 'model-1', inputPerMTok: 1, outputPerMTok: 2, health: 'ok' as const }],
      },
    ];
  }
  providers() {
    return [
      { id: 'alpha', name: 'Alpha' },
      { id: 'beta', name: 'Beta' },
    ];
  }
  defaultModel() {
    return 'acme/model-1';
  }
  estimate(input: { outputText: string }) {
    this.estimates++;
    const out = Math.ceil(input.outputText.length / 4);
    return { usage: usage(50, out), charge: { usd: (50 * 1 + out * 2) / 1e6, status: 'estimated' as const } };
  }
  redact(text: string) {
    return text.replace(/sk-test-SENTINEL-[\w-]+/g, '[redacted]');
  }
}

/** An EditorBridge that records what it was asked. */
export class RecordingEditor implements EditorBridge {
  readonly calls: [string, ...unknown[]][] = [];
  confirm = true;
  title: string | undefined = 'Renamed';
  async copy(text: string) {
    this.calls.push(['copy', text]);
  }
  async insertCode(code: string) {
    this.calls.push(['insertCode', code]);
  }
  async applyCode(code: string, language?: string) {
    this.calls.push(['applyCode', code, language]);
  }
  async openExternal(url: string) {
    this.calls.push(['openExternal', url]);
  }
  async setApiKey(providerId?: string) {
    this.calls.push(['setApiKey', providerId]);
  }
  async confirmDelete(title: string) {
    this.calls.push(['confirmDelete', title]);
    return this.confirm;
  }
  async askTitle(current: string) {
    this.calls.push(['askTitle', current]);
    return this.title;
  }
  async pickModelQuick() {
    this.calls.push(['pickModelQuick']);
  }
  warn(message: string) {
    this.calls.push(['warn', message]);
  }
}
