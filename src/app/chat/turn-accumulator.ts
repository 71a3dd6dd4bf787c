// Folds a stream of RouterEvents into one assistant turn: text, reasoning, usage, the route
// report's story (who served it, fallbacks, cost), timings and an inline error with actions.
import type { Endpoint } from '../../core/catalog/types';
import { adviceFor, ProviderError } from '../../core/errors';
import { ROUTER_PROVIDER_ID } from '../../core/router/route-messages';
import { saneMs } from '../../core/attempt-numbers';
import { stopwatch, type Clock } from '../../core/platform';
import { summarizeStream } from '../../core/router/stream-summary';
import type { AttemptReport, RouteReport, RouterEvent } from '../../core/router/types';
import type { FinishReason, Usage } from '../../core/types';
import type { AssistantMeta, ChatError, ChatWarning, ErrorAction } from '../../shared/protocol';

/** What one event changed, for the live view. */
interface EventEffect {
  text?: string;
  reasoning?: string;
  status?: string;
}

/** The finished turn's data. */
export interface AccumulatedTurn {
  text: string;
  reasoning?: string;
  meta: AssistantMeta;
  error?: ChatError;
  /** The endpoint that produced the output, when known. */
  endpoint?: Endpoint;
  /** Providers that failed in this turn; "Retry on another provider" avoids them. */
  failedProviders: string[];
}

/** Accumulates one streamed answer. */
export class TurnAccumulator {
  private text = '';
  private reasoning = '';
  private usage?: Usage;
  private readonly attempts: AttemptReport[] = [];
  private report?: RouteReport;
  private error?: ProviderError;
  private finish?: FinishReason;
  private served?: { provider: string; modelId?: string; upstreamProvider?: string };
  /** Milliseconds since the turn started, on a monotonic clock. */
  private readonly elapsed: () => number;
  private firstTokenAt?: number;

  constructor(
    private readonly clock: Clock,
    private readonly providerName: (id: string) => string,
    private readonly redact: (text: string) => string,
    private readonly warn: (message: string) => void = () => undefined,
  ) {
    this.elapsed = stopwatch(clock);
  }

  /** Applies one event and says what the view should show now. */
  apply(ev: RouterEvent): EventEffect {
    switch (ev.type) {
      case 'text-delta':
      case 'reasoning-delta': {
        this.firstTokenAt ??= this.elapsed();
        if (ev.type === 'text-delta') {
          this.text += ev.text;
          return { text: ev.text };
        }
        this.reasoning += ev.text;
        return { reasoning: ev.text };
      }
      case 'response-metadata':
        {
          // Adapters send metadata in pieces (request id from headers, model from the first chunk);
          // merge them, but start over when a fallback moved to another provider.
          const prev = this.served?.provider === ev.provider ? this.served : undefined;
          this.served = {
            provider: ev.provider,
            modelId: ev.modelId ?? prev?.modelId,
            upstreamProvider: ev.upstreamProvider ?? prev?.upstreamProvider,
          };
        }
        return {};
      case 'usage':
        this.usage = ev.usage;
        return {};
      case 'attempt':
        this.attempts.push(ev.attempt);
        return { status: attemptStatus(ev.attempt, this.providerName) };
      case 'route-report':
        this.report = ev.report;
        return {};
      case 'error':
        this.error = ev.error;
        return {};
      case 'finish':
        this.finish = ev.reason;
        return {};
      // The chat panel sends no tools; warnings are read from the route report, once per host.
      case 'reasoning-part':
      case 'tool-call':
      case 'tool-call-invalid':
      case 'warning':
        return {};
    }
  }

  /** Records a failure thrown by the port itself (a bug or an unexpected rejection). */
  fail(e: unknown): void {
    this.error =
      e instanceof ProviderError
        ? e
        : new ProviderError({
            category: 'protocol',
            provider: this.served?.provider ?? 'switchboard',
            message: e instanceof Error ? e.message : String(e),
          });
  }

  /** Text streamed so far. */
  get outputText(): string {
    return this.text;
  }

  /** The finished turn. `cancelled` is true when the user pressed Stop. */
  result(cancelled: boolean): AccumulatedTurn {
    const report = this.report;
    const servedEndpoint = report?.servedBy;
    const note = (m: string) => this.warn(`Chat turn: ${m}`);
    // The router's report carries the attempts; without one, those seen as events are all there is.
    const s = summarizeStream({
      report: report ?? { strategy: 'balanced', attempts: this.attempts },
      usage: this.usage,
      firstTokenMs: this.firstTokenAt,
      note,
    });
    const failed = s.failed;
    const provider = servedEndpoint?.provider ?? this.served?.provider;
    const finishReason: FinishReason | undefined = cancelled || this.error?.category === 'cancelled' ? 'cancelled' : this.finish;
    const durationMs = this.elapsed();
    const meta: AssistantMeta = {
      provider,
      providerName: provider ? this.providerName(provider) : undefined,
      servedModelId: servedEndpoint?.modelId ?? this.served?.modelId,
      upstreamProvider: this.served?.upstreamProvider,
      fallbacks: failed.map((a) => ({
        provider: a.endpoint.provider,
        modelId: a.endpoint.modelId,
        reason: a.reason ? this.redact(a.reason).slice(0, 500) : a.errorCategory,
      })),
      comparableFallback: report?.comparableFallback,
      usage: s.usage,
      usageEstimated: s.usageEstimated,
      charge: s.cost,
      ttftMs: s.ttftMs,
      durationMs: saneMs('durationMs', durationMs, note),
      tokensPerSecond: s.tokensPerSec,
      finishReason,
      partial: !cancelled && (report?.partial || (this.error !== undefined && this.text.length > 0)) ? true : undefined,
      budgetNote: report?.budgetAction?.message,
      budgetAction: report?.budgetAction?.action === 'block' ? undefined : report?.budgetAction?.action,
      warnings: this.warnings(report),
    };
    const error = finishReason === 'cancelled' ? undefined : this.chatError();
    return {
      text: this.text,
      reasoning: this.reasoning || undefined,
      meta,
      error,
      endpoint: servedEndpoint,
      failedProviders: [...new Set([...failed.map((a) => a.endpoint.provider), ...(this.error ? [this.error.provider] : [])])],
    };
  }

  /** The report's warnings as the footer shows them, each with its host's name. */
  private warnings(report: RouteReport | undefined): ChatWarning[] | undefined {
    const list = (report?.warnings ?? []).slice(0, 50).map((w) => ({
      provider: w.provider.slice(0, 100),
      providerName: this.providerName(w.provider).slice(0, 200),
      parameter: w.parameter.slice(0, 200),
      message: this.redact(w.message).slice(0, 1000),
      ...(w.changed ? { changed: true as const } : {}),
    }));
    return list.length ? list : undefined;
  }

  private chatError(): ChatError | undefined {
    const e = this.error;
    if (!e) return undefined;
    // The router's own errors ("no endpoint can serve …") name no provider and carry their hint.
    const fromRouter = e.provider === ROUTER_PROVIDER_ID;
    const name = fromRouter ? 'Switchboard' : this.providerName(e.provider);
    const advice = fromRouter ? undefined : adviceFor(e.category, name);
    return {
      category: e.category,
      message: this.redact(errorText(e.message, name, advice)).slice(0, 4000),
      advice,
      provider: e.provider,
      actions: actionsFor(e, this.text.length > 0),
    };
  }
}

/**
 * A provider error's message as the chat shows it above its advice: named once (provider errors
 * already begin with the provider's name) and without the advice sentence they carry (the
 * router may append to it, e.g. "Gave up after 2 attempts").
 */
function errorText(message: string, name: string, advice: string | undefined): string {
  let text = message.trim();
  if (advice)
    text = text
      .replace(advice, '')
      .replace(/\s{2,}/g, ' ')
      .trim();
  return text.startsWith(name) ? text : `${name}: ${text}`;
}

/** Which buttons an error offers; a partial answer can always be continued elsewhere. */
function actionsFor(e: Pick<ProviderError, 'category'>, hasOutput: boolean): ErrorAction[] {
  if (hasOutput) return ['continueElsewhere', 'retry'];
  switch (e.category) {
    case 'auth':
      return ['setKey', 'retryOther'];
    case 'payment':
    case 'permission':
    case 'not_found':
      return ['retryOther', 'pickModel'];
    case 'context_length':
    case 'budget':
      return ['pickModel'];
    case 'bad_request':
    case 'content_policy':
      return ['retryOther', 'pickModel'];
    default:
      return ['retry', 'retryOther'];
  }
}

function attemptStatus(a: AttemptReport, name: (id: string) => string): string | undefined {
  const who = `${name(a.endpoint.provider)} (${a.endpoint.modelId})`;
  if (a.outcome === 'failed') return `${who} failed${a.reason ? `: ${a.reason}` : ''}; trying the next host…`;
  if (a.outcome === 'skipped') return undefined;
  return undefined;
}
