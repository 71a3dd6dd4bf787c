// Anthropic Messages wire format for the simulator: stream frames exactly as the API sends them
// (`event: <name>` + `data: {...}`, pings included) and error responses in Anthropic's shape.
import { chunked, jsonError, SSE_HEADERS, sseBytes, type Scenario, type SseFrame, type Step } from './server';

/** What one simulated answer contains. Tests derive their expectations from the same spec. */
export interface AnthropicStreamSpec {
  /** Text deltas, in order. */
  text: string[];
  /** Thinking deltas, streamed in a thinking block before the text. */
  thinking?: string[];
  /** Raw Anthropic counts: `input` EXCLUDES cache reads and writes, as on the wire. */
  usage: { input: number; output: number; cacheRead?: number; cacheWrite?: number };
  /** Sent as message_delta `usage.output_tokens_details.thinking_tokens` when set. */
  thinkingTokens?: number;
  stopReason: string;
  stopSequence?: string;
  /** Cumulative output counts of extra message_delta events sent before the final one. */
  interimOutputs?: number[];
  /** Repeat input and cache counts in message_delta, as the API does for newer models. */
  deltaRepeatsInput?: boolean;
}

/** Serializes one event the way Anthropic does: event name line, then its JSON. */
export function frame(type: string, body: Record<string, unknown> = {}): SseFrame {
  return { event: type, data: JSON.stringify({ type, ...body }) };
}

/** The ping frame, spelled as the API spells it. */
export const PING: SseFrame = { event: 'ping', data: '{"type": "ping"}' };

/** The message_start frame. */
export function messageStartFrame(spec: AnthropicStreamSpec, model: string, id = 'msg_sim_01'): SseFrame {
  return frame('message_start', {
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: spec.usage.input,
        cache_creation_input_tokens: spec.usage.cacheWrite ?? 0,
        cache_read_input_tokens: spec.usage.cacheRead ?? 0,
        output_tokens: 1,
      },
    },
  });
}

/** Frames of the content blocks (thinking first, then text), with a ping after the first delta. */
export function contentFrames(spec: AnthropicStreamSpec, opts: { upToTextChunks?: number } = {}): SseFrame[] {
  const out: SseFrame[] = [];
  let index = 0;
  if (spec.thinking?.length) {
    out.push(frame('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
    for (const t of spec.thinking) out.push(frame('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: t } }));
    out.push(
      frame('content_block_delta', {
        index,
        delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' },
      }),
    );
    out.push(frame('content_block_stop', { index }));
    index++;
  }
  out.push(frame('content_block_start', { index, content_block: { type: 'text', text: '' } }));
  const texts = opts.upToTextChunks === undefined ? spec.text : spec.text.slice(0, opts.upToTextChunks);
  texts.forEach((t, i) => {
    out.push(frame('content_block_delta', { index, delta: { type: 'text_delta', text: t } }));
    if (i === 0) out.push(PING);
  });
  if (opts.upToTextChunks === undefined) out.push(frame('content_block_stop', { index }));
  return out;
}

/** message_delta frames (interim ones first) with cumulative usage. */
export function messageDeltaFrames(spec: AnthropicStreamSpec): SseFrame[] {
  const repeat = spec.deltaRepeatsInput
    ? {
        input_tokens: spec.usage.input,
        cache_creation_input_tokens: spec.usage.cacheWrite ?? 0,
        cache_read_input_tokens: spec.usage.cacheRead ?? 0,
      }
    : {};
  const interim = (spec.interimOutputs ?? []).map((n) =>
    frame('message_delta', { delta: { stop_reason: null, stop_sequence: null }, usage: { ...repeat, output_tokens: n } }),
  );
  const last = frame('message_delta', {
    delta: { stop_reason: spec.stopReason, stop_sequence: spec.stopSequence ?? null },
    usage: {
      ...repeat,
      output_tokens: spec.usage.output,
      ...(spec.thinkingTokens !== undefined ? { output_tokens_details: { thinking_tokens: spec.thinkingTokens } } : {}),
    },
  });
  return [...interim, last];
}

/** Every frame of a complete, successful stream. */
export function completeFrames(spec: AnthropicStreamSpec, model: string): SseFrame[] {
  return [messageStartFrame(spec, model), PING, ...contentFrames(spec), ...messageDeltaFrames(spec), frame('message_stop')];
}

/** Headers a real Messages response carries: request id and rate-limit headroom. */
export function anthropicHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const reset = new Date(Date.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    'request-id': 'req_sim_011CSHoEeqs5C35K2UUqR7Fy',
    'anthropic-ratelimit-requests-limit': '4000',
    'anthropic-ratelimit-requests-remaining': '3999',
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-input-tokens-limit': '400000',
    'anthropic-ratelimit-input-tokens-remaining': '399000',
    'anthropic-ratelimit-input-tokens-reset': reset,
    'anthropic-ratelimit-output-tokens-limit': '80000',
    'anthropic-ratelimit-output-tokens-remaining': '80000',
    'anthropic-ratelimit-output-tokens-reset': reset,
    ...extra,
  };
}

/** How a stream body is cut into writes. */
export interface DeliveryOptions {
  crlf?: boolean;
  /** Bytes per write; small sizes split UTF-8 characters and SSE lines across chunks. */
  chunkSize?: number;
  /** Pause between writes (slow drip). */
  delayMs?: number;
  /** Steps appended after the frames (reset, stall…). */
  tail?: Step[];
}

/** A 200 SSE scenario from frames. One write per frame unless chunkSize says otherwise. */
export function sseScenario(frames: SseFrame[], opts: DeliveryOptions = {}): Scenario {
  let steps: Step[];
  if (opts.chunkSize) {
    steps = chunked(sseBytes(frames, { crlf: opts.crlf }), opts.chunkSize, opts.delayMs);
  } else {
    steps = [];
    frames.forEach((f, i) => {
      if (opts.delayMs && i > 0) steps.push({ kind: 'delay', ms: opts.delayMs });
      steps.push({ kind: 'write', data: sseBytes([f], { crlf: opts.crlf }) });
    });
  }
  return { status: 200, headers: { ...SSE_HEADERS, ...anthropicHeaders() }, steps: [...steps, ...(opts.tail ?? [])] };
}

/** An error response in Anthropic's envelope, with its request id. */
export function anthropicError(status: number, type: string, message: string, headers: Record<string, string> = {}): Scenario {
  return jsonError(
    status,
    { type: 'error', error: { type, message }, request_id: 'req_sim_err_01' },
    { 'request-id': 'req_sim_err_01', ...headers },
  );
}

/** The in-stream error frame Anthropic sends after a 200 (e.g. overloaded mid-answer). */
export function errorFrame(type: string, message: string): SseFrame {
  return frame('error', { error: { type, message } });
}
