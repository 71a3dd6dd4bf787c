// Anthropic's SSE events → normalized StreamEvents. One instance per request; driveStream owns
// the loop, the HTTP errors and the partial-output bookkeeping.
import { ProviderError, redactAndClip, redactSecrets } from '../../errors';
import type { SseEvent } from '../../http/sse';
import { emptyUsage, type StreamEvent, type Usage } from '../../types';
import type { ProviderDescriptor } from '../descriptor';
import { parseJsonChunk, type StreamMapper } from '../stream-driver';
import { AnthropicBlockAssembler } from './block-assembler';
import { streamErrorFromEvent } from './error-body';
import { anthropicStreamEventSchema, KNOWN_EVENT_TYPES, type AnthropicStreamEvent, type AnthropicUsage } from './event-schema';
import { checkedFramingEvent, isPlainTextDelta, plainTextDeltaText } from './fast-path';
import { mapAnthropicStopReason } from './map-stop-reason';

const NOTHING = Object.freeze([]) as unknown as StreamEvent[];

/** Raw counts as Anthropic reports them: `input` EXCLUDES cache reads and writes. */
interface RawCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** Thinking tokens, part of `output`; only when the API breaks them out. */
  thinking: number;
}

/**
 * Converts Anthropic's counts to our Usage, where inputTokens is the whole prompt.
 * Thinking tokens are billed inside output_tokens; reasoningTokens is filled only from
 * `usage.output_tokens_details.thinking_tokens` when the API sends it, and stays 0 otherwise
 * rather than being guessed from the (possibly summarized) thinking text.
 */
function toUsage(c: RawCounts): Usage {
  return {
    ...emptyUsage(),
    inputTokens: c.input + c.cacheRead + c.cacheWrite,
    outputTokens: c.output,
    cacheReadTokens: c.cacheRead,
    cacheWriteTokens: c.cacheWrite,
    reasoningTokens: c.thinking,
  };
}

/** A StreamMapper for one Anthropic Messages stream. */
export function createAnthropicStreamMapper(
  d: ProviderDescriptor,
  secrets: readonly string[] = [],
  opts: { answerTool?: string } = {},
): StreamMapper {
  const blocks = new AnthropicBlockAssembler(opts.answerTool);
  const counts: RawCounts = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, thinking: 0 };
  let sawUsage = false;
  let stopReason: string | null | undefined;

  // Every count Anthropic sends is a running total (message_delta repeats them cumulatively),
  // so the latest value replaces the previous one; adding would double-count.
  const takeUsage = (u: AnthropicUsage | null | undefined) => {
    if (!u) return;
    if (u.input_tokens != null) counts.input = u.input_tokens;
    if (u.output_tokens != null) counts.output = u.output_tokens;
    if (u.cache_read_input_tokens != null) counts.cacheRead = u.cache_read_input_tokens;
    if (u.cache_creation_input_tokens != null) counts.cacheWrite = u.cache_creation_input_tokens;
    if (u.output_tokens_details?.thinking_tokens != null) counts.thinking = u.output_tokens_details.thinking_tokens;
    sawUsage = true;
  };

  const protocolError = (message: string) =>
    new ProviderError({
      category: 'protocol',
      provider: d.id,
      message: redactSecrets(`${d.displayName} ${message}`, secrets),
      retryable: true,
    });

  /** The event through zod; undefined for a type this adapter does not know (skipped, by Anthropic's versioning policy). */
  const validated = (obj: Record<string, unknown>, event: string | undefined): AnthropicStreamEvent | undefined => {
    const type = typeof obj.type === 'string' ? obj.type : event;
    if (!type || !KNOWN_EVENT_TYPES.has(type)) return undefined;
    const framing = obj.type === type ? checkedFramingEvent(obj) : undefined;
    if (framing) return framing;
    const parsed = anthropicStreamEventSchema.safeParse(obj.type === type ? obj : { ...obj, type });
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || '(root)';
      throw protocolError(`sent a malformed "${type}" event (field ${where}).`);
    }
    return parsed.data;
  };

  // A plain field, not a getter: an object literal with an accessor is built on V8's slow path,
  // which cost about 5 µs on every request (measured hot, bundled), more than the rest of its set-up.
  const mapper = {
    done: false,

    onEvent(e: SseEvent): StreamEvent[] {
      // Nearly every event is a text delta in one fixed form, read without JSON.parse or zod.
      const plain = plainTextDeltaText(e.data);
      if (plain !== undefined) return plain ? [{ type: 'text-delta', text: plain }] : NOTHING;
      const raw = parseJsonChunk(e.data, d.id, secrets);
      if (typeof raw !== 'object' || raw === null)
        throw protocolError(`sent a stream chunk that is not an object: ${redactAndClip(e.data, 120, secrets)}`);
      // A text delta in any other form: checked by hand, it skips zod and its copy.
      if (isPlainTextDelta(raw)) {
        const text = ((raw as { delta: { text: string } }).delta as { text: string }).text;
        return text ? [{ type: 'text-delta', text }] : NOTHING;
      }
      const ev = validated(raw as Record<string, unknown>, e.event);
      if (!ev) return NOTHING;
      switch (ev.type) {
        case 'message_start':
          takeUsage(ev.message.usage);
          return [{ type: 'response-metadata', provider: d.id, modelId: ev.message.model }];
        case 'content_block_start': {
          // A block may open with text already in it; normally it is empty.
          const b = ev.content_block;
          blocks.start(ev.index, b);
          if (b.type === 'text' && b.text) return [{ type: 'text-delta', text: b.text }];
          if (b.type === 'thinking' && b.thinking) return [{ type: 'reasoning-delta', text: b.thinking }];
          return [];
        }
        case 'content_block_delta': {
          const delta = ev.delta;
          if (delta.type === 'text_delta' && delta.text) return [{ type: 'text-delta', text: delta.text }];
          if (delta.type === 'thinking_delta' && delta.thinking) {
            blocks.thinking(ev.index, delta.thinking);
            return [{ type: 'reasoning-delta', text: delta.thinking }];
          }
          // The signature authenticates the thinking when it is sent back next turn.
          if (delta.type === 'signature_delta' && delta.signature) blocks.signature(ev.index, delta.signature);
          if (delta.type === 'input_json_delta' && delta.partial_json) return blocks.inputJson(ev.index, delta.partial_json);
          // citations_delta carries no new text.
          return [];
        }
        case 'content_block_stop':
          return blocks.stop(ev.index);
        case 'message_delta':
          if (ev.delta.stop_reason !== undefined) stopReason = ev.delta.stop_reason;
          takeUsage(ev.usage);
          return [];
        case 'message_stop':
          mapper.done = true;
          return [];
        case 'error':
          throw streamErrorFromEvent(ev.error, d, secrets);
        case 'ping':
          return [];
      }
    },

    onEnd(): StreamEvent[] {
      if (!mapper.done) throw protocolError('closed the stream before message_stop; the answer may be cut short.');
      const out: StreamEvent[] = [];
      if (sawUsage) out.push({ type: 'usage', usage: toUsage(counts) });
      // A structured answer arrives as a forced tool call, but to the caller it is a finished answer.
      const reason = stopReason === 'tool_use' && blocks.answered() ? 'stop' : mapAnthropicStopReason(stopReason);
      out.push({ type: 'finish', reason, rawReason: stopReason ?? undefined });
      return out;
    },

    partialUsage(): Usage | undefined {
      return sawUsage ? toUsage(counts) : undefined;
    },
  };
  return mapper;
}
