// Per-request state machine for an OpenAI-compatible SSE stream, driven by driveStream.
//
// Termination policy (decided here, documented for the router):
// - `data: [DONE]` ends the stream normally.
// - A body that ends without [DONE] but after a finish_reason is accepted: several hosts
//   (older vLLM builds, some proxies) close right after the last chunk, and the answer is whole.
// - A body that ends with neither is a cut-off answer: a retryable `protocol` error.
// Usage may arrive in a `choices: []` chunk, inside the last content chunk, in Groq's
// `x_groq.usage`, or never; the last one seen wins and is emitted once, before `finish`.
import { ProviderError } from '../../errors';
import type { SseEvent } from '../../http/sse';
import type { FinishReason, StreamEvent, Usage } from '../../types';
import type { ProviderDescriptor } from '../descriptor';
import { parseJsonChunk, type StreamMapper } from '../stream-driver';
import { isPlainDeltaChunk, validateChunk, type Chunk, type ContentPartWire } from './chunk-schema';
import { inBandError } from './error-body';
import { mapOpenAIFinishReason } from './map-finish-reason';
import { mapOpenAIUsage } from './map-usage';
import { ReasoningDetails } from './reasoning-details';
import { TextTemplate } from '../text-template';
import { ToolCallBuffer } from './tool-call-buffer';

const NOTHING = Object.freeze([]) as unknown as StreamEvent[];
const NON_BLANK = /\S/;

/** StreamMapper for `chat.completion.chunk` streams. */
export class OpenAIStreamMapper implements StreamMapper {
  done = false;
  private usage: Usage | undefined;
  private finishRaw: string | undefined;
  private metadataSent = false;
  private upstreamSent = false;
  private failure: ProviderError | undefined;
  private readonly toolCalls = new ToolCallBuffer();
  private sawCalls = false;
  private readonly details = new ReasoningDetails();
  private readonly template = new TextTemplate();
  private textSeen = false;

  constructor(
    private readonly descriptor: ProviderDescriptor,
    private readonly secrets: readonly string[] = [],
  ) {}

  onEvent(e: SseEvent): StreamEvent[] {
    const data = e.data;
    // A chunk that is a checked plain text chunk's bytes around new text, read without JSON.parse.
    const known = this.template.read(data);
    if (known !== undefined) return known ? [{ type: 'text-delta', text: known }] : NOTHING;
    if (data.startsWith('[DONE]')) {
      this.done = true;
      return NOTHING;
    }
    // Blank keep-alive frames carry nothing (checked without allocating a trimmed copy).
    if (!NON_BLANK.test(data)) return NOTHING;
    const raw = parseJsonChunk(data, this.descriptor.id, this.secrets);
    if (isPlainDeltaChunk(raw)) {
      const c = raw as Chunk;
      const text = this.plainText(c);
      if (text === undefined) return this.onChunk(c);
      // The first text is handed over before anything is learned: learning serializes the chunk
      // twice, and the first token is what every request waits on.
      if (this.textSeen) this.template.learn(data, c, (mark) => withContent(c, mark));
      this.textSeen = true;
      return text ? [{ type: 'text-delta', text }] : NOTHING;
    }
    const v = validateChunk(raw);
    if (!v.ok) {
      throw new ProviderError({
        category: 'protocol',
        provider: this.descriptor.id,
        message: `${this.descriptor.displayName} sent a stream chunk in an unexpected shape (${v.issue}).`,
        retryable: true,
      });
    }
    return this.onChunk(v.chunk);
  }

  /**
   * The text of a chunk that is nothing but one text delta once metadata is out, else undefined.
   * The state it reads only ever turns true, so a chunk with the same bytes around other text
   * later is plain text too (see TextTemplate).
   */
  private plainText(c: Chunk): string | undefined {
    const choice = c.choices?.[0];
    const delta = choice?.delta;
    if (!this.metadataSent || choice?.finish_reason || c.usage || c.error || c.x_groq || (!this.upstreamSent && c.provider))
      return undefined;
    if (!delta || delta.reasoning_content || delta.reasoning || delta.reasoning_details || delta.tool_calls) return undefined;
    return typeof delta.content === 'string' ? delta.content : undefined;
  }

  private onChunk(c: Chunk): StreamEvent[] {
    // Nearly every chunk is one plain text delta: answer it with an exact-size array and no
    // further checks (an empty array grown by push costs a 17-slot backing store per token).
    const text = this.plainText(c);
    if (text !== undefined) return text ? [{ type: 'text-delta', text }] : NOTHING;
    const choice = c.choices?.[0];
    const delta = choice?.delta;
    // A tool-argument fragment (thousands per call) is buffered and yields nothing until the finish.
    if (this.metadataSent && !choice?.finish_reason && !c.usage && !c.error && !c.x_groq && (this.upstreamSent || !c.provider)) {
      if (delta && !delta.reasoning_content && !delta.reasoning && !delta.reasoning_details && delta.tool_calls && !delta.content) {
        this.toolCalls.add(delta.tool_calls);
        return NOTHING;
      }
    }
    const out: StreamEvent[] = [];
    if (!this.metadataSent && (c.model || c.id)) {
      this.metadataSent = true;
      this.upstreamSent = !!c.provider;
      out.push({
        type: 'response-metadata',
        provider: this.descriptor.id,
        modelId: c.model ?? undefined,
        requestId: c.id ?? undefined,
        upstreamProvider: c.provider ?? undefined,
      });
    } else if (!this.upstreamSent && c.provider) {
      this.upstreamSent = true;
      out.push({ type: 'response-metadata', provider: this.descriptor.id, upstreamProvider: c.provider });
    }
    const u = c.usage ?? c.x_groq?.usage;
    if (u) this.usage = mapOpenAIUsage(u);
    // Text before an in-band error is real output: hand it over first, then fail.
    if (delta) {
      const reasoning = delta.reasoning_content ?? delta.reasoning;
      if (reasoning) out.push({ type: 'reasoning-delta', text: reasoning });
      const content = delta.content;
      if (typeof content === 'string') {
        if (content) out.push({ type: 'text-delta', text: content });
      } else if (content) {
        for (const part of content) pushPart(out, part);
      }
      if (delta.tool_calls) this.toolCalls.add(delta.tool_calls);
      if (delta.reasoning_details) this.details.add(delta.reasoning_details);
    }
    if (c.error) return this.fail(out, inBandError(c.error, this.descriptor.id, this.descriptor.displayName, this.secrets));
    if (choice?.finish_reason) {
      if (choice.finish_reason === 'error') {
        return this.fail(
          out,
          new ProviderError({
            category: 'server',
            provider: this.descriptor.id,
            message: `${this.descriptor.displayName} ended the answer with an error.`,
            code: 'error',
          }),
        );
      }
      this.finishRaw = choice.finish_reason;
      this.sawCalls ||= this.toolCalls.size > 0;
      // The calls are whole once the choice finishes; reasoning goes first, as in the message.
      out.push(...this.details.release(), ...this.toolCalls.release());
    }
    return out;
  }

  /**
   * An error chunk may carry text too. Throwing here would drop it, so the deltas are
   * returned now and the error is raised from onEnd, which the driver calls once `done`.
   */
  private fail(out: StreamEvent[], err: ProviderError): StreamEvent[] {
    this.failure = err;
    this.done = true;
    return out;
  }

  onEnd(): StreamEvent[] {
    if (this.failure) throw this.failure;
    if (!this.done && this.finishRaw === undefined) {
      throw new ProviderError({
        category: 'protocol',
        provider: this.descriptor.id,
        message: `${this.descriptor.displayName} closed the stream before the answer was finished (no finish reason, no [DONE]).`,
        retryable: true,
      });
    }
    // [DONE] without a finish_reason (some local servers): what was buffered is all there is.
    this.sawCalls ||= this.toolCalls.size > 0;
    const out: StreamEvent[] = [...this.details.release(), ...this.toolCalls.release()];
    if (this.usage) out.push({ type: 'usage', usage: this.usage });
    const mapped: FinishReason = this.finishRaw ? mapOpenAIFinishReason(this.finishRaw) : 'stop';
    // Some hosts (older vLLM, Ollama) finish a tool-calling turn with "stop".
    const reason: FinishReason = mapped === 'stop' && this.sawCalls ? 'tool_calls' : mapped;
    out.push({ type: 'finish', reason, rawReason: this.finishRaw });
    return out;
  }

  partialUsage(): Usage | undefined {
    return this.usage;
  }
}

/** Maps one typed content part; unknown part types (citations, images) carry no text for us. */
function pushPart(out: StreamEvent[], part: ContentPartWire): void {
  if (part.type === 'text' && part.text) out.push({ type: 'text-delta', text: part.text });
  else if (part.type === 'thinking' && part.thinking) {
    const text = part.thinking.map((t) => t.text ?? '').join('');
    if (text) out.push({ type: 'reasoning-delta', text });
  }
}

/** `c` with its one delta's content replaced, keys in their order (for TextTemplate). */
function withContent(c: Chunk, content: string): Chunk {
  const choice = c.choices![0];
  return { ...c, choices: [{ ...choice, delta: { ...choice.delta, content } }] };
}
