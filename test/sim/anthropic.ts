// Anthropic Messages simulator: a Router for SimServer serving `POST …/messages` and
// `GET …/models` under any base path (`/v1/messages`, `/proxy/v1/messages`, …).
//
// Pick a scenario with the model name `sim/<name>`; any other model gets the `ok` stream.
// Normal streams (see NORMAL_SCENARIOS):
//   sim/ok               text with markdown, end_turn
//   sim/cache            usage with cache read 4096 + cache write 2048; message_delta repeats input counts
//   sim/thinking         thinking block (thinking_delta + signature_delta), then text; thinking_tokens 85
//   sim/max-tokens       stop_reason max_tokens           sim/stop-sequence  stop_reason stop_sequence
//   sim/refusal          stop_reason refusal              sim/context-window stop_reason model_context_window_exceeded
//   sim/cumulative-usage several message_delta events with cumulative output_tokens
//   sim/utf8-split       emoji/CJK text delivered 3 bytes per write (characters and lines split)
//   sim/crlf             CRLF line endings                sim/crlf-split     CRLF + 7-byte writes
//   sim/slow-drip        20 text deltas, 15 ms apart
// Faults (see FAULT_SCENARIOS):
//   sim/fault-401 | -403 | -404 | -408 | -413 | -500 | -529   Anthropic error envelopes
//   sim/fault-context    400 "prompt is too long: 210345 tokens > 200000 maximum"
//   sim/fault-credit     400 "credit balance is too low"      sim/fault-bad-request  plain 400
//   sim/fault-429        429 retry-after: 7                   sim/fault-429-ms  retry-after-ms 1500 + ratelimit headers
//   sim/fault-502        HTML page from a CDN                 sim/fault-503     plain-text proxy error
//   sim/fault-midstream  text, then `event: error` overloaded_error
//   sim/fault-reset      text, then the socket is reset       sim/fault-reset-before-output  reset after message_start
//   sim/fault-malformed  text, then a truncated JSON chunk    sim/fault-stall   text, then silence
//   sim/fault-no-stop    the body ends without message_stop
// Like the real API, a request without a key (x-api-key or Authorization: Bearer) gets 401, without anthropic-version or
// max_tokens gets 400. With `apiKey` set, any other key gets 401.
import type { RecordedRequest, Router, Scenario } from './server';
import { anthropicError } from './anthropic-wire';
import { FAULT_SCENARIOS, NORMAL_SCENARIOS, normalScenario } from './anthropic-scenarios';
import { anthropicToolScenario } from './anthropic-tools';

export * from './anthropic-wire';
export * from './anthropic-scenarios';

/** Options of the simulated Anthropic API. */
export interface AnthropicSimOptions {
  /** The only key accepted; when unset, any non-empty key is. */
  apiKey?: string;
  /** Models per page of `GET /models`, to exercise pagination (the real default is 20). */
  pageSize?: number;
  /** Overrides the listing served by `GET /models`. */
  models?: SimModel[];
}

/** A model entry of the simulated listing, in Anthropic's wire shape. */
export interface SimModel {
  id: string;
  display_name: string;
  created_at: string;
  max_input_tokens?: number | null;
  max_tokens?: number | null;
  lifecycle?: 'active' | 'deprecated' | 'retired';
  type: 'model';
}

/** The default listing: a few Claude-like models, every named scenario, and one retired model. */
export function defaultSimModels(): SimModel[] {
  const model = (id: string, display_name: string, lifecycle: SimModel['lifecycle'] = 'active'): SimModel => ({
    id,
    display_name,
    created_at: '2026-01-01T00:00:00Z',
    max_input_tokens: 200_000,
    max_tokens: 64_000,
    lifecycle,
    type: 'model',
  });
  return [
    model('claude-sim-sonnet', 'Claude Sim Sonnet'),
    model('claude-sim-haiku', 'Claude Sim Haiku'),
    ...[...Object.keys(NORMAL_SCENARIOS), ...Object.keys(FAULT_SCENARIOS)].map((n) => model(`sim/${n}`, `Sim ${n}`)),
    model('claude-sim-retired', 'Claude Sim Retired', 'retired'),
  ];
}

/** The scenario a model name selects: `sim/<name>`, else the ok stream. Unknown sim names get 404. */
export function scenarioForModel(model: string): Scenario {
  const name = model.startsWith('sim/') ? model.slice(4) : 'ok';
  if (NORMAL_SCENARIOS[name]) return normalScenario(name, model);
  const fault = FAULT_SCENARIOS[name];
  if (fault) return fault(model);
  return anthropicError(404, 'not_found_error', `model: ${model}`);
}

/** A SimServer Router speaking the Anthropic Messages API. */
export function anthropicRouter(opts: AnthropicSimOptions = {}): Router {
  const models = opts.models ?? defaultSimModels();
  return (req: RecordedRequest) => {
    // The API takes the key as x-api-key or, as newer official SDKs send it, a Bearer token.
    const key = header(req, 'x-api-key') ?? header(req, 'authorization')?.replace(/^Bearer\s+/i, '');
    const authFail = !key || (opts.apiKey !== undefined && key !== opts.apiKey);
    if (req.method === 'POST' && /\/messages$/.test(req.path)) {
      if (authFail) return anthropicError(401, 'authentication_error', 'invalid x-api-key');
      if (!header(req, 'anthropic-version')) return anthropicError(400, 'invalid_request_error', 'anthropic-version: header is required');
      const body = (req.body ?? {}) as { model?: unknown; max_tokens?: unknown };
      if (typeof body.model !== 'string') return anthropicError(400, 'invalid_request_error', 'model: Field required');
      if (typeof body.max_tokens !== 'number') return anthropicError(400, 'invalid_request_error', 'max_tokens: Field required');
      const tool = body.model.startsWith('sim/') ? anthropicToolScenario(body.model.slice(4), body.model, req) : undefined;
      return tool ?? scenarioForModel(body.model);
    }
    if (req.method === 'GET' && /\/models$/.test(req.path)) {
      if (authFail) return anthropicError(401, 'authentication_error', 'invalid x-api-key');
      return modelsPage(models, req.query, opts.pageSize ?? 20);
    }
    return undefined;
  };
}

function modelsPage(models: SimModel[], q: URLSearchParams, pageSize: number): Scenario {
  const limit = Math.min(Number(q.get('limit') ?? 20) || 20, pageSize);
  const after = q.get('after_id');
  const start = after ? models.findIndex((m) => m.id === after) + 1 : 0;
  const data = models.slice(start, start + limit);
  const body = {
    data,
    has_more: start + limit < models.length,
    first_id: data[0]?.id ?? null,
    last_id: data[data.length - 1]?.id ?? null,
  };
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'request-id': 'req_sim_models' },
    steps: [{ kind: 'write', data: JSON.stringify(body) }],
  };
}

function header(req: RecordedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
