// The named Anthropic scenarios: normal streams (each with the spec its expectations come from)
// and faults. The router in ./anthropic.ts serves them by model name (`sim/<name>`).
import { htmlError, type Scenario } from './server';
import {
  anthropicError,
  anthropicHeaders,
  completeFrames,
  contentFrames,
  errorFrame,
  frame,
  messageDeltaFrames,
  messageStartFrame,
  PING,
  sseScenario,
  type AnthropicStreamSpec,
  type DeliveryOptions,
} from './anthropic-wire';

const OK: AnthropicStreamSpec = {
  text: ['Hello', ', world', '! Here is **markdown**:\n\n```ts\nconst answer = 42;\n```\n'],
  usage: { input: 25, output: 17 },
  stopReason: 'end_turn',
};

// Output counts here are deliberately unlike the chunk counts, so a mapper that counts chunks
// or adds message_start's output_tokens to message_delta's is caught.
const CACHE: AnthropicStreamSpec = {
  text: ['Cached ', 'context ', 'helps.'],
  usage: { input: 12, output: 30, cacheRead: 4096, cacheWrite: 2048 },
  stopReason: 'end_turn',
  deltaRepeatsInput: true,
};

const THINKING: AnthropicStreamSpec = {
  thinking: ['Let me think. ', 'The user wants 2+2; ', 'that is 4.'],
  text: ['2 + 2 ', '= 4.'],
  usage: { input: 40, output: 120, cacheRead: 0, cacheWrite: 0 },
  thinkingTokens: 85,
  stopReason: 'end_turn',
};

const UNICODE: AnthropicStreamSpec = {
  text: ['Grüße 👋🏽 ', '日本語のテキスト ', 'and ∑ ≠ ∞ — naïve café 🧑‍💻'],
  usage: { input: 9, output: 21 },
  stopReason: 'end_turn',
};

const DRIP: AnthropicStreamSpec = {
  text: Array.from({ length: 20 }, (_, i) => `token${i} `),
  usage: { input: 5, output: 20 },
  stopReason: 'end_turn',
};

/** A successful stream: what is sent, and how the bytes are delivered. */
export interface NormalScenario {
  spec: AnthropicStreamSpec;
  delivery?: DeliveryOptions;
}

/** Every successful-stream scenario, by name. */
export const NORMAL_SCENARIOS: Readonly<Record<string, NormalScenario>> = {
  ok: { spec: OK },
  cache: { spec: CACHE },
  thinking: { spec: THINKING },
  'max-tokens': { spec: { ...OK, text: ['This answer is cut'], usage: { input: 10, output: 5 }, stopReason: 'max_tokens' } },
  'stop-sequence': { spec: { ...OK, text: ['Count: 1, 2, 3'], stopReason: 'stop_sequence', stopSequence: 'END' } },
  refusal: { spec: { ...OK, text: ['I can’t help with that.'], usage: { input: 30, output: 8 }, stopReason: 'refusal' } },
  'context-window': { spec: { ...OK, usage: { input: 199_000, output: 1000 }, stopReason: 'model_context_window_exceeded' } },
  'cumulative-usage': { spec: { ...OK, usage: { input: 25, output: 12 }, interimOutputs: [3, 7] } },
  'utf8-split': { spec: UNICODE, delivery: { chunkSize: 3 } },
  crlf: { spec: OK, delivery: { crlf: true } },
  'crlf-split': { spec: UNICODE, delivery: { crlf: true, chunkSize: 7 } },
  'slow-drip': { spec: DRIP, delivery: { delayMs: 15 } },
};

/** Builds a normal scenario's HTTP response. */
export function normalScenario(name: string, model: string): Scenario {
  const n = NORMAL_SCENARIOS[name];
  if (!n) throw new Error(`no normal Anthropic scenario named ${name}`);
  return sseScenario(completeFrames(n.spec, model), n.delivery);
}

/** Spec of the streams that fail after some output; the first PARTIAL_TEXT_CHUNKS chunks arrive. */
export const PARTIAL_SPEC: AnthropicStreamSpec = {
  text: ['The first part ', 'arrives, ', 'then trouble.'],
  usage: { input: 50, output: 9 },
  stopReason: 'end_turn',
};
/** How many text chunks the mid-stream faults deliver before failing. */
export const PARTIAL_TEXT_CHUNKS = 2;

/** The text a client sees before a mid-stream fault. */
export function partialText(): string {
  return PARTIAL_SPEC.text.slice(0, PARTIAL_TEXT_CHUNKS).join('');
}

function partialFrames(model: string) {
  return [messageStartFrame(PARTIAL_SPEC, model), PING, ...contentFrames(PARTIAL_SPEC, { upToTextChunks: PARTIAL_TEXT_CHUNKS })];
}

/** Every failure scenario, by name. Mid-stream ones deliver partialText() first. */
export const FAULT_SCENARIOS: Readonly<Record<string, (model: string) => Scenario>> = {
  'fault-401': () => anthropicError(401, 'authentication_error', 'invalid x-api-key'),
  'fault-403': () => anthropicError(403, 'permission_error', 'Your API key does not have permission to use the specified resource.'),
  'fault-404': (model) => anthropicError(404, 'not_found_error', `model: ${model}`),
  'fault-408': () => anthropicError(408, 'timeout_error', 'Request timed out before processing.'),
  'fault-413': () => anthropicError(413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.'),
  'fault-context': () => anthropicError(400, 'invalid_request_error', 'prompt is too long: 210345 tokens > 200000 maximum'),
  'fault-credit': () =>
    anthropicError(
      400,
      'invalid_request_error',
      'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
    ),
  'fault-bad-request': () => anthropicError(400, 'invalid_request_error', 'temperature: range: 0..1'),
  'fault-429': () =>
    anthropicError(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.', { 'retry-after': '7' }),
  'fault-429-ms': () =>
    anthropicError(429, 'rate_limit_error', 'Number of requests has exceeded your per-minute rate limit.', {
      ...anthropicHeaders({ 'anthropic-ratelimit-requests-remaining': '0' }),
      'retry-after': '2',
      'retry-after-ms': '1500',
    }),
  'fault-500': () => anthropicError(500, 'api_error', 'Internal server error'),
  'fault-502': () => htmlError(502),
  'fault-503': () => ({
    status: 503,
    headers: { 'content-type': 'text/plain' },
    steps: [{ kind: 'write', data: 'upstream connect error or disconnect/reset before headers. reset reason: overflow' }],
  }),
  'fault-529': () => anthropicError(529, 'overloaded_error', 'Overloaded'),
  'fault-midstream': (model) => sseScenario([...partialFrames(model), errorFrame('overloaded_error', 'Overloaded')]),
  'fault-reset': (model) => sseScenario(partialFrames(model), { tail: [{ kind: 'delay', ms: 5 }, { kind: 'reset' }] }),
  'fault-reset-before-output': (model) =>
    sseScenario([messageStartFrame(PARTIAL_SPEC, model)], { tail: [{ kind: 'delay', ms: 5 }, { kind: 'reset' }] }),
  'fault-malformed': (model) =>
    sseScenario(partialFrames(model), {
      tail: [
        { kind: 'write', data: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_de\n\n' },
      ],
    }),
  'fault-stall': (model) => sseScenario(partialFrames(model), { tail: [{ kind: 'stall' }] }),
  'fault-no-stop': (model) =>
    sseScenario([...partialFrames(model), frame('content_block_stop', { index: 0 }), ...messageDeltaFrames(PARTIAL_SPEC)]),
};
