// Maps Gemini SSE frames to StreamEvents. Each frame is a whole GenerateContentResponse; there
// is no [DONE]: an answer is complete when a candidate carries a finishReason.
import { adviceFor, categoryForStatus, ProviderError, redactSecrets } from '../../errors';
import type { SseEvent } from '../../http/sse';
import type { StreamEvent, Usage } from '../../types';
import type { ProviderDescriptor } from '../descriptor';
import { parseJsonChunk, type StreamMapper } from '../stream-driver';
import { geminiStatusOf, parseGeminiErrorBody } from './error-body';
import { isPlainGeminiFrame } from './fast-path';
import { GeminiFrameTemplate } from './frame-template';
import { mapGeminiFinishReason } from './map-finish-reason';
import { mapGeminiUsage } from './map-usage';
import { GeminiPartAssembler } from './part-assembler';
import { geminiResponseSchema, type GeminiResponse } from './response-schema';
import { UnframedTail } from './unframed-tail';

const NON_BLANK = /\S/;

/** What the mapper needs besides the frames. */
interface GeminiStreamMapperOptions {
  descriptor: ProviderDescriptor;
  /** Strings to scrub from any message built from upstream text (the API key). */
  secrets?: readonly string[];
}

/** Creates the per-request Gemini mapper for driveStream. */
export function createGeminiStreamMapper(opts: GeminiStreamMapperOptions): StreamMapper {
  return new GeminiStreamMapper(opts);
}

class GeminiStreamMapper implements StreamMapper {
  private usage: Usage | undefined;
  private rawFinish: string | undefined;
  private finishMessage: string | undefined;
  private blocked: { reason: string; message?: string } | undefined;
  private modelId: string | undefined;
  private responseId: string | undefined;
  private readonly parts = new GeminiPartAssembler(() => this.responseId ?? 'gemini');
  private readonly template = new GeminiFrameTemplate();
  private readonly tail = new UnframedTail();
  private plainSeen = false;

  constructor(private readonly opts: GeminiStreamMapperOptions) {}

  // Always false: Gemini closes the body right after its last frame, and a usage frame or an
  // error tail can still follow the finishReason frame, so reading runs to the end of the body.
  // Reading to the end also leaves the pooled connection reusable.
  get done(): boolean {
    return false;
  }

  onBytes(chunk: Uint8Array): void {
    this.tail.append(chunk);
  }

  onEvent(e: SseEvent): StreamEvent[] {
    // Nearly every frame is a checked frame's bytes with another text and counts (see GeminiFrameTemplate).
    const known = this.template.read(e.data);
    if (known) return this.mapFrame(known);
    // Blank keep-alive frames carry nothing (checked without allocating a trimmed copy).
    if (!NON_BLANK.test(e.data)) return [];
    const json = parseJsonChunk(e.data, this.opts.descriptor.id, this.opts.secrets ?? []);
    if (!Array.isArray(json)) return this.onFrame(json, e.data);
    const out: StreamEvent[] = [];
    for (const f of json) out.push(...this.onFrame(f));
    return out;
  }

  onEnd(): StreamEvent[] {
    const tail = this.tail.text();
    if (tail.startsWith('{') || tail.startsWith('[')) {
      let json: unknown;
      try {
        json = JSON.parse(tail);
      } catch {
        json = undefined;
      }
      if (geminiStatusOf(json)) throw this.inBandError(json);
    }
    const closing: StreamEvent[] = [];
    this.parts.flush(closing);
    if (this.usage) closing.push({ type: 'usage', usage: this.usage });
    if (this.rawFinish !== undefined) {
      const mapped = mapGeminiFinishReason(this.rawFinish);
      if (mapped === 'error') throw this.finishError(this.rawFinish);
      // Gemini ends a function-calling turn with STOP.
      const reason = mapped === 'stop' && this.parts.sawCalls ? 'tool_calls' : mapped;
      return [...closing, { type: 'finish', reason, rawReason: this.rawFinish }];
    }
    if (this.blocked) {
      const why = this.blocked.message ? `: ${this.blocked.message}` : '';
      // A blocked prompt is an answer (a refusal), not a failure worth retrying elsewhere.
      return [
        ...closing,
        { type: 'finish', reason: 'content_filter', rawReason: `Prompt blocked by Gemini (${this.blocked.reason})${why}` },
      ];
    }
    throw this.protocolError(
      `${this.opts.descriptor.displayName} ended the stream before sending a finish reason; the answer may be cut short.`,
    );
  }

  partialUsage(): Usage | undefined {
    return this.usage;
  }

  /** One parsed frame; `data` is its line when the frame is the whole line, to learn from. */
  private onFrame(f: unknown, data?: string): StreamEvent[] {
    if (geminiStatusOf(f)) throw this.inBandError(f);
    // A text frame is checked by hand; zod would also copy it.
    if (!isPlainGeminiFrame(f)) return this.mapFrame(this.validated(f));
    // The first frame is handed over before anything is learned: learning serializes the frame
    // twice, and its first token is what every request waits on.
    if (data !== undefined && this.plainSeen) this.template.learn(data, f as GeminiResponse);
    this.plainSeen = true;
    return this.mapFrame(f as GeminiResponse);
  }

  private mapFrame(r: GeminiResponse): StreamEvent[] {
    const out: StreamEvent[] = [];
    if ((r.modelVersion && r.modelVersion !== this.modelId) || (r.responseId && r.responseId !== this.responseId)) {
      this.modelId = r.modelVersion ?? this.modelId;
      this.responseId = r.responseId ?? this.responseId;
      out.push({ type: 'response-metadata', provider: this.opts.descriptor.id, modelId: this.modelId, requestId: this.responseId });
    }
    // Counts are cumulative per frame, so the latest frame replaces what came before.
    if (r.usageMetadata) this.usage = mapGeminiUsage(r.usageMetadata);
    if (r.promptFeedback?.blockReason) {
      this.blocked = { reason: r.promptFeedback.blockReason, message: r.promptFeedback.blockReasonMessage };
    }
    // We never ask for more than one candidate.
    const cand = r.candidates?.[0];
    for (const p of cand?.content?.parts ?? []) this.parts.push(p, out);
    if (cand?.finishReason) {
      this.rawFinish = cand.finishReason;
      this.finishMessage = cand.finishMessage;
    }
    return out;
  }

  private validated(f: unknown): GeminiResponse {
    const parsed = geminiResponseSchema.safeParse(f);
    if (parsed.success) return parsed.data;
    throw this.protocolError(
      `${this.opts.descriptor.displayName} sent a stream frame in an unexpected shape: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
    );
  }

  /** An error object sent with HTTP 200, as a frame or as a bare JSON tail. */
  private inBandError(body: unknown): ProviderError {
    const d = this.opts.descriptor;
    const status = geminiStatusOf(body);
    const parsed = parseGeminiErrorBody(body, status?.code ?? 500);
    const code = status?.code ?? 500;
    const category = parsed?.category ?? categoryForStatus(code);
    const what = [status?.status, status?.message].filter(Boolean).join(': ') || 'no details';
    return new ProviderError({
      category,
      provider: d.id,
      status: code,
      code: parsed?.code,
      retryAfterMs: parsed?.retryAfterMs,
      message: this.redact(`${d.displayName} reported an error in the stream (${code} ${what}). ${adviceFor(category, d.displayName)}`),
    });
  }

  /** A finish reason that means the model itself failed (e.g. a malformed function call). */
  private finishError(raw: string): ProviderError {
    const d = this.opts.descriptor;
    const why = this.finishMessage ? `: ${this.finishMessage}` : '';
    return new ProviderError({
      category: 'server',
      provider: d.id,
      code: raw,
      retryable: true,
      message: this.redact(`${d.displayName} stopped with ${raw}${why}. ${adviceFor('server', d.displayName)}`),
    });
  }

  private protocolError(message: string): ProviderError {
    const d = this.opts.descriptor;
    return new ProviderError({
      category: 'protocol',
      provider: d.id,
      retryable: true,
      message: `${message} ${adviceFor('protocol', d.displayName)}`,
    });
  }

  private redact(s: string): string {
    return redactSecrets(s, this.opts.secrets ?? []);
  }
}
