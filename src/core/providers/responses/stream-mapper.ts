// Per-request state machine for a Responses API stream, driven by driveStream.
//
// Termination: `response.completed` and `response.incomplete` end the answer; `response.failed`
// and `error` fail it. A body that ends before any of them is a cut-off answer: a retryable
// `protocol` error. Function calls are assembled per output item and released when the item is
// done; reasoning items are released whole, encrypted content included, so the next turn can
// send them back.
import { randomUUID } from 'node:crypto';
import { ProviderError, redactAndClip, redactSecrets } from '../../errors';
import type { SseEvent } from '../../http/sse';
import type { FinishReason, StreamEvent, Usage } from '../../types';
import type { ProviderDescriptor } from '../descriptor';
import { parseJsonChunk, type StreamMapper } from '../stream-driver';
import { finishedToolCall } from '../tool-args';
import { responsesStreamError, type StreamErrorFields } from './error-body';
import { KNOWN_EVENT_TYPES, responsesEventSchema, type OutputItem, type ResponseObject } from './event-schema';
import { mapResponsesUsage } from './map-usage';

const NOTHING = Object.freeze([]) as unknown as StreamEvent[];
const TEXT_DELTA = 'response.output_text.delta';

/** StreamMapper for `POST /responses` with `stream: true`. */
export class ResponsesStreamMapper implements StreamMapper {
  done = false;
  private usage: Usage | undefined;
  private finish: { reason: FinishReason; raw?: string } | undefined;
  private sawCalls = false;
  /** Argument text of open function calls, by output index. */
  private readonly args = new Map<number, string>();

  constructor(
    private readonly descriptor: ProviderDescriptor,
    private readonly secrets: readonly string[] = [],
  ) {}

  onEvent(e: SseEvent): StreamEvent[] {
    const raw = parseJsonChunk(e.data, this.descriptor.id, this.secrets) as { type?: unknown; delta?: unknown } | null;
    // Nearly every event is a text delta: answered without schema work.
    if (raw !== null && typeof raw === 'object' && raw.type === TEXT_DELTA && typeof raw.delta === 'string')
      return raw.delta ? [{ type: 'text-delta', text: raw.delta }] : NOTHING;
    const type = raw !== null && typeof raw === 'object' && typeof raw.type === 'string' ? raw.type : e.event;
    // A proxy may put a Chat Completions style `{"error":{…}}` in the stream: still a failure, never skipped.
    const wrapped = (raw as { error?: unknown } | null)?.error;
    if (!type && typeof wrapped === 'object' && wrapped !== null)
      throw responsesStreamError(wrapped as StreamErrorFields, this.descriptor, this.secrets, 'reported an error mid-stream');
    if (!type || !KNOWN_EVENT_TYPES.has(type)) return NOTHING;
    const parsed = responsesEventSchema.safeParse({ ...raw, type });
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || '(root)';
      throw this.protocolError(`sent a malformed "${type}" event (field ${where}): ${redactAndClip(e.data, 120, this.secrets)}`);
    }
    const ev = parsed.data;
    switch (ev.type) {
      case 'response.created':
      case 'response.in_progress':
      case 'response.queued':
        return this.onStart(ev.type, ev.response);
      case 'response.output_item.added':
        if (ev.item.type === 'function_call') this.args.set(ev.output_index ?? -1, ev.item.arguments ?? '');
        return NOTHING;
      case 'response.output_item.done':
        return this.onItemDone(ev.output_index ?? -1, ev.item);
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        return ev.delta ? [{ type: 'text-delta', text: ev.delta }] : NOTHING;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        return ev.delta ? [{ type: 'reasoning-delta', text: ev.delta }] : NOTHING;
      case 'response.function_call_arguments.delta': {
        const i = ev.output_index ?? -1;
        this.args.set(i, (this.args.get(i) ?? '') + ev.delta);
        return NOTHING;
      }
      case 'response.function_call_arguments.done':
        this.args.set(ev.output_index ?? -1, ev.arguments);
        return NOTHING;
      case 'response.completed':
      case 'response.incomplete':
        return this.onEnded(ev.response);
      case 'response.failed':
        this.takeUsage(ev.response);
        throw responsesStreamError(ev.response.error ?? {}, this.descriptor, this.secrets, 'reported the response failed');
      case 'error':
        throw responsesStreamError(ev, this.descriptor, this.secrets, 'reported an error mid-stream');
    }
  }

  private onStart(type: string, r: ResponseObject): StreamEvent[] {
    if (type !== 'response.created' && !r.model) return NOTHING;
    return [{ type: 'response-metadata', provider: this.descriptor.id, modelId: r.model ?? undefined, requestId: r.id ?? undefined }];
  }

  private onItemDone(index: number, item: OutputItem): StreamEvent[] {
    if (item.type === 'function_call') {
      const args = item.arguments ?? this.args.get(index) ?? '';
      this.args.delete(index);
      this.sawCalls = true;
      // The next turn pairs the call with its output by this id: an empty one pairs with nothing
      // (or with every other empty one), so a call that came without any gets one of its own.
      const id = item.call_id || item.id;
      return [finishedToolCall(id || `call_${randomUUID()}`, item.name ?? '', args, id ? {} : { syntheticId: true })];
    }
    if (item.type === 'reasoning') return [reasoningPart(item)];
    return NOTHING;
  }

  private onEnded(r: ResponseObject): StreamEvent[] {
    this.takeUsage(r);
    const why = r.incomplete_details?.reason ?? undefined;
    if (r.status === 'incomplete' || why) {
      this.finish = { reason: why === 'content_filter' ? 'content_filter' : 'length', raw: why ?? 'incomplete' };
    } else this.finish = { reason: this.sawCalls ? 'tool_calls' : 'stop', raw: r.status ?? 'completed' };
    this.done = true;
    return NOTHING;
  }

  private takeUsage(r: ResponseObject): void {
    if (r.usage) this.usage = mapResponsesUsage(r.usage);
  }

  onEnd(): StreamEvent[] {
    if (!this.finish) throw this.protocolError('closed the stream before the response was finished (no response.completed).');
    const out: StreamEvent[] = [];
    if (this.usage) out.push({ type: 'usage', usage: this.usage });
    out.push({ type: 'finish', reason: this.finish.reason, rawReason: this.finish.raw });
    return out;
  }

  partialUsage(): Usage | undefined {
    return this.usage;
  }

  private protocolError(message: string): ProviderError {
    return new ProviderError({
      category: 'protocol',
      provider: this.descriptor.id,
      message: redactSecrets(`${this.descriptor.displayName} ${message}`, this.secrets),
      retryable: true,
    });
  }
}

/**
 * A finished reasoning item. Its summary is the visible text; the item itself is kept only when it
 * carries encrypted content, the one thing that restores the reasoning on the next turn.
 */
function reasoningPart(item: OutputItem): StreamEvent {
  const summary = (item.summary ?? []).map((s) => s.text ?? '').filter(Boolean);
  const text = summary.length ? summary.join('\n\n') : (item.content ?? []).map((c) => c.text ?? '').join('');
  return {
    type: 'reasoning-part',
    part: { type: 'reasoning', text, family: 'responses', ...(item.encrypted_content ? { details: [item] } : {}) },
  };
}
