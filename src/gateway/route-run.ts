// One routed request as a protocol handler sees it: output deltas as they come, and what the
// router said about the route (who served it, attempts, usage, cost) once it is known.
import type { ProviderError } from '../core/errors';
import type { RouteReport, RouterEvent } from '../core/router/types';
import type { FinishReason, ReasoningPart, ToolCallPart, Usage, Warning } from '../core/types';
import type { GatewayToolCall } from './tools/tools-out';

/** Output a client sees, in stream order: text, reasoning, the end of a reasoning block (its signature), a tool call. */
export type OutputDelta =
  | { type: 'text' | 'reasoning'; text: string }
  | { type: 'reasoning-end'; part: ReasoningPart }
  | { type: 'tool-call'; call: GatewayToolCall };

/** A whole answer, for non-streaming responses. */
export interface Collected {
  text: string;
  reasoning: string;
  reasoningParts: ReasoningPart[];
  calls: GatewayToolCall[];
}

/** Consumes the engine's event stream once; fields fill in as it is read. */
export class RouteRun {
  /** The provider currently answering (the last one that accepted the call). */
  provider?: string;
  /** Calls made so far (skipped endpoints are not calls). */
  attemptsMade = 0;
  usage?: Usage;
  finish?: FinishReason;
  rawFinish?: string;
  error?: ProviderError;
  report?: RouteReport;
  outputStarted = false;
  /** Parameters an adapter dropped or changed for the host that served the request. */
  readonly warnings: Warning[] = [];

  constructor(private readonly events: AsyncIterable<RouterEvent>) {}

  /** Yields text, reasoning and tool calls; everything else is recorded on this object. */
  async *output(): AsyncGenerator<OutputDelta> {
    let first = true;
    for await (const ev of this.events) {
      const out = this.take(ev);
      if (!out) continue;
      this.outputStarted = true;
      yield out;
      if (first) {
        first = false;
        // The caller has written the first delta; one turn of the event loop lets it reach the
        // socket. Otherwise, when the whole answer sits in one upstream read, the first token
        // would wait for the rest of the answer, the route's settlement (ledger, health) and,
        // under many streams, for every other stream's answer read in the same turn.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }

  /** The client's delta for an event, or undefined after recording what it says about the route. */
  private take(ev: RouterEvent): OutputDelta | undefined {
    switch (ev.type) {
      case 'text-delta':
      case 'reasoning-delta':
        return ev.text ? { type: ev.type === 'text-delta' ? 'text' : 'reasoning', text: ev.text } : undefined;
      case 'reasoning-part':
        return { type: 'reasoning-end', part: ev.part };
      case 'tool-call':
        return { type: 'tool-call', call: callOf(ev.call) };
      case 'tool-call-invalid':
        // The client runs the tool, so it gets what the model wrote and can answer with an error result.
        return { type: 'tool-call', call: { id: ev.id, name: ev.name, argumentsJson: ev.rawArgs } };
      case 'warning':
        this.warnings.push(ev.warning);
        break;
      case 'response-metadata':
        this.provider = ev.provider;
        break;
      case 'attempt':
        if (ev.attempt.outcome !== 'skipped') this.attemptsMade++;
        break;
      case 'usage':
        this.usage = ev.usage;
        break;
      case 'finish':
        this.finish = ev.reason;
        this.rawFinish = ev.rawReason;
        break;
      case 'error':
        this.error = ev.error;
        break;
      case 'route-report':
        this.report = ev.report;
        break;
    }
    return undefined;
  }

  /** Reads the whole stream, for non-streaming answers. */
  async collect(): Promise<Collected> {
    const c: Collected = { text: '', reasoning: '', reasoningParts: [], calls: [] };
    for await (const d of this.output()) {
      if (d.type === 'text') c.text += d.text;
      else if (d.type === 'reasoning') c.reasoning += d.text;
      else if (d.type === 'reasoning-end') c.reasoningParts.push(d.part);
      else if (d.type === 'tool-call') c.calls.push(d.call);
    }
    return c;
  }

  /** The provider that served the answer, once the report is in. */
  servedBy(): string | undefined {
    return this.report?.servedBy?.provider ?? this.provider;
  }

  /** The canonical model that served the answer, once the report is in. */
  servedModel(): string | undefined {
    return this.report?.servedBy?.canonicalModel;
  }

  /** Calls made, from the report once it is in. */
  attempts(): number {
    return this.report ? this.report.attempts.filter((a) => a.outcome !== 'skipped').length : this.attemptsMade;
  }

  /** What the request cost in USD, when every charged attempt has a price; undefined if any is unpriced. */
  costUsd(): number | undefined {
    if (!this.report) return undefined;
    let sum = 0;
    for (const a of this.report.attempts) {
      if (!a.charge) continue;
      if (a.charge.usd === undefined) return undefined;
      sum += a.charge.usd;
    }
    return this.report.attempts.some((a) => a.charge) ? sum : undefined;
  }

  /** Headers naming the host, the attempts and (when known) the cost. */
  headers(): Record<string, string> {
    const h: Record<string, string> = { 'x-switchboard-attempts': String(this.attempts()) };
    const p = this.servedBy();
    if (p) h['x-switchboard-provider'] = p;
    const model = this.servedModel();
    if (model) h['x-switchboard-model'] = model;
    const cost = this.costUsd();
    if (cost !== undefined) h['x-switchboard-cost-usd'] = formatUsd(cost);
    return h;
  }
}

function callOf(c: ToolCallPart): GatewayToolCall {
  const call: GatewayToolCall = { id: c.id, name: c.name, argumentsJson: JSON.stringify(c.args ?? {}) };
  if (c.signature) call.signature = c.signature;
  if (c.syntheticId) call.syntheticId = true;
  return call;
}

/** A cost as a plain decimal string (no exponent), enough digits for fractions of a cent. */
export function formatUsd(usd: number): string {
  return usd.toFixed(8).replace(/\.?0+$/, '') || '0';
}
