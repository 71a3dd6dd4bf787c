// OpenAI Responses API simulator. Serves, under any path prefix (e.g. `/v1`):
//   POST …/responses     the scenario named by the model, `sim/<name>` (any other model: `text`)
//   GET  …/models        a short listing
// Answers: text, reasoning (summary + encrypted reasoning item), structured, incomplete,
// incomplete-filter, complete (one JSON body; also `json-<answer>`, or any answer to `stream: false`), the tool specs of tool-scenarios.ts, and tool-loop
// (a call with encrypted reasoning, then the final answer once the input carries the call's output).
// Faults: mid-stream-error (`error` event), wrapped-error (a bare `{"error":…}` data line),
// failed (response.failed after output),
// failed-before-output, reset, reset-before-output, no-terminator, malformed, stall, and HTTP
// fault-401, fault-404, fault-context, fault-429, fault-429-ms, fault-500, fault-502-html,
// fault-503, fault-bad-request, in Responses' error shape.
import { chunked, htmlError, jsonError, SSE_HEADERS, type RecordedRequest, type Router, type Scenario, type Step } from './server';
import {
  answerBytes,
  answerEvents,
  EventLog,
  outputItems,
  respErrorBody,
  respFrames,
  responseObject,
  respUsage,
  type RespAnswer,
} from './responses-wire';
import { pieces, TOOL_LOOP_ANSWER, TOOL_SPECS, type ToolSpec } from './tool-scenarios';

export const RESP_TEXT = ['Hello', ' from the', ' simulator.'];
export const RESP_USAGE = { input: 40, output: 18, cached: 8, reasoning: 6 };
/** Opaque reasoning state the tool loop must carry back unchanged. */
export const RESP_ENCRYPTED = 'gAAAAABsim-encrypted-reasoning-Zk9vYmFy+/==';

const stream = (body: string, extraSteps: Step[] = []): Scenario => ({
  status: 200,
  headers: { ...SSE_HEADERS, 'x-request-id': 'req_sim_resp' },
  steps: [{ kind: 'write', data: body }, ...extraSteps],
});

const TEXT: RespAnswer = { text: RESP_TEXT, usage: RESP_USAGE };
const REASONING: RespAnswer = {
  reasoning: { summary: ['Thinking about greetings.'], encrypted: RESP_ENCRYPTED },
  text: RESP_TEXT,
  usage: RESP_USAGE,
};

/** A tool spec as a Responses answer: its reasoning carries the signature as encrypted content. */
export function respToolAnswer(spec: ToolSpec): RespAnswer {
  return {
    reasoning: spec.thinking ? { summary: [spec.thinking], encrypted: spec.signature ?? RESP_ENCRYPTED } : undefined,
    text: spec.text ? [spec.text] : undefined,
    calls: spec.calls.map((c, i) => ({
      itemId: `fc_sim_${i + 1}`,
      callId: c.id,
      name: c.name,
      argPieces: c.args ? pieces(c.args, spec.argPiece) : [],
    })),
    usage: { input: spec.usage.input, output: spec.usage.output },
  };
}

/** A tool spec's stream; a failing spec sends an `error` event after its fragments. */
export function respToolScenario(spec: ToolSpec): Scenario {
  const a = respToolAnswer(spec);
  let body: string;
  if (spec.failAfterFragments !== undefined) {
    const log = answerEvents(a);
    let n = 0;
    const cut = log.events.findIndex((e) => e.type === 'response.function_call_arguments.delta' && ++n > spec.failAfterFragments!);
    const kept = log.events.slice(0, cut);
    body = respFrames([...kept, errorEvent('server_error', 'Upstream dropped the tool call', kept.length)]);
  } else body = answerBytes(a);
  return spec.chunkBytes ? { ...stream(''), steps: chunked(body, spec.chunkBytes) } : stream(body);
}

function errorEvent(code: string, message: string, seq: number): Record<string, unknown> {
  return { type: 'error', code, message, param: null, sequence_number: seq };
}

/** Output so far, then the event that ends it. */
function cutAfterText(end: (log: EventLog) => void, a: RespAnswer = TEXT): string {
  const log = answerEvents({ ...a });
  // Drop the message's closing events: the answer breaks mid-text.
  const firstDelta = log.events.findIndex((e) => e.type === 'response.output_text.delta');
  const kept = new EventLog();
  for (const e of log.events.slice(0, firstDelta + 2)) kept.events.push(e);
  end(kept);
  return respFrames(kept.events);
}

function failed(code: string, message: string, withOutput: boolean): Scenario {
  const end = (log: EventLog) =>
    log.add('response.failed', {
      response: responseObject(TEXT, 'failed', [], { error: { code, message }, usage: respUsage({ input: 40, output: 2 }) }),
    });
  if (withOutput) return stream(cutAfterText(end));
  const log = new EventLog();
  log.add('response.created', { response: responseObject(TEXT, 'in_progress', []) });
  end(log);
  return stream(respFrames(log.events));
}

function hasToolOutput(r: RecordedRequest): boolean {
  const input = (r.body as { input?: unknown })?.input;
  return Array.isArray(input) && input.some((i) => (i as { type?: string })?.type === 'function_call_output');
}

/** The two steps of the tool loop. */
function toolLoop(r: RecordedRequest): Scenario {
  if (hasToolOutput(r)) return stream(answerBytes({ text: TOOL_LOOP_ANSWER, usage: { input: 80, output: 9 } }));
  return stream(
    answerBytes({
      reasoning: { summary: ['The user wants Oslo weather; call get_weather.'], encrypted: RESP_ENCRYPTED, itemId: 'rs_loop_1' },
      calls: [{ itemId: 'fc_loop_1', callId: 'call_loop_1', name: 'get_weather', argPieces: ['{"city":', '"Oslo"}'] }],
      usage: { input: 50, output: 30, reasoning: 20 },
    }),
  );
}

const err = (status: number, message: string, type: string, code: string | null, headers: Record<string, string> = {}) =>
  jsonError(status, respErrorBody(message, type, code), headers);

/** Answers that end normally, served streamed, or as one JSON body when the request says `stream: false` (or the name starts `json-`). */
const ANSWERS: Record<string, RespAnswer> = {
  text: TEXT,
  reasoning: REASONING,
  structured: { text: ['{"city":', '"Oslo","temp":18}'], usage: RESP_USAGE },
  incomplete: { ...TEXT, incomplete: 'max_output_tokens' },
  'incomplete-filter': { ...TEXT, incomplete: 'content_filter' },
};
for (const [name, spec] of Object.entries(TOOL_SPECS)) if (spec.failAfterFragments === undefined) ANSWERS[name] = respToolAnswer(spec);

/** The answer as the one JSON `response` object a non-streaming request gets. */
export function jsonAnswer(a: RespAnswer): Scenario {
  const extra = { usage: respUsage(a.usage), ...(a.incomplete ? { incomplete_details: { reason: a.incomplete } } : {}) };
  const body = responseObject(a, a.incomplete ? 'incomplete' : 'completed', outputItems(a), extra);
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_sim_resp' },
    steps: [{ kind: 'write', data: JSON.stringify(body) }],
  };
}

const SCENARIOS: Record<string, (r: RecordedRequest) => Scenario> = {
  complete: () => jsonAnswer(REASONING),
  'tool-loop': toolLoop,
  'mid-stream-error': () =>
    stream(cutAfterText((log) => log.events.push(errorEvent('server_error', 'The server had an error mid-answer.', log.events.length)))),
  failed: () => failed('server_error', 'The model failed to finish.', true),
  // A proxy's Chat Completions style error, as bare data with no event name or type.
  'wrapped-error': () =>
    stream(
      cutAfterText((log) =>
        log.events.push({
          error: { message: 'Provider returned error', code: 'provider_overloaded', metadata: { error_type: 'provider_overloaded' } },
        }),
      ),
    ),
  'failed-before-output': () => failed('rate_limit_exceeded', 'Rate limit reached for requests.', false),
  reset: () =>
    stream(
      cutAfterText(() => undefined),
      [{ kind: 'tick' }, { kind: 'reset' }],
    ),
  'reset-before-output': () => ({ status: 200, headers: SSE_HEADERS, steps: [{ kind: 'tick' }, { kind: 'reset' }] }),
  'no-terminator': () => stream(cutAfterText(() => undefined)),
  malformed: () =>
    stream(`${cutAfterText(() => undefined)}event: response.output_text.delta\ndata: {"type":"response.output_text.delta",\n\n`),
  stall: () =>
    stream(
      cutAfterText(() => undefined),
      [{ kind: 'stall' }],
    ),
  'fault-401': () => err(401, 'Incorrect API key provided: sk-test-****.', 'invalid_request_error', 'invalid_api_key'),
  'fault-404': () =>
    err(404, 'The model `gpt-nope` does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found'),
  'fault-context': () =>
    err(
      400,
      'Your input exceeds the context window of this model. Please adjust your input and try again.',
      'invalid_request_error',
      'context_length_exceeded',
    ),
  'fault-bad-request': () =>
    err(400, "Invalid value: 'sometimes'. Supported values are: 'auto', 'none' and 'required'.", 'invalid_request_error', null),
  'fault-429': () => err(429, 'Rate limit reached for requests.', 'requests', 'rate_limit_exceeded', { 'retry-after': '2' }),
  'fault-429-ms': () => err(429, 'Rate limit reached for tokens.', 'tokens', 'rate_limit_exceeded', { 'retry-after-ms': '1800' }),
  'fault-500': () => err(500, 'The server had an error while processing your request.', 'server_error', null),
  'fault-502-html': () => htmlError(502),
  'fault-503': () => err(503, 'The engine is currently overloaded, please try again later.', 'server_error', null, { 'retry-after': '1' }),
};
for (const [name, spec] of Object.entries(TOOL_SPECS)) SCENARIOS[name] = () => respToolScenario(spec);

function answerScenario(name: string, r: RecordedRequest): Scenario | undefined {
  const json = name.startsWith('json-');
  const a = ANSWERS[json ? name.slice(5) : name];
  if (!a) return undefined;
  if (json || (r.body as { stream?: unknown })?.stream !== true) return jsonAnswer(a);
  return TOOL_SPECS[name] ? respToolScenario(TOOL_SPECS[name]) : stream(answerBytes(a));
}

const MODELS = {
  object: 'list',
  data: ['gpt-sim-5', 'gpt-sim-5-mini'].map((id) => ({ id, object: 'model', created: 1_760_000_000, owned_by: 'sim' })),
};

/** The Responses simulator's router. */
export function responsesRouter(): Router {
  return (r) => {
    if (r.method === 'GET' && /\/models$/.test(r.path))
      return { status: 200, headers: { 'content-type': 'application/json' }, steps: [{ kind: 'write', data: JSON.stringify(MODELS) }] };
    if (r.method !== 'POST' || !/\/responses$/.test(r.path)) return undefined;
    const model = String((r.body as { model?: unknown })?.model ?? '');
    const name = model.startsWith('sim/') ? model.slice(4) : 'text';
    const s = answerScenario(name, r) ?? SCENARIOS[name]?.(r);
    return s ?? err(404, `The model \`${model}\` does not exist.`, 'invalid_request_error', 'model_not_found');
  };
}
