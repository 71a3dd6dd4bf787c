// ChatRequest → the body and HTTP call of `POST {base}/responses`, stateless: `store: false` and
// the encrypted reasoning asked back, so the conversation itself carries the reasoning state.
// @see https://platform.openai.com/docs/api-reference/responses/create
import type { HttpRequest } from '../../http/client';
import type { ChatRequest, Warning } from '../../types';
import type { CallContext, ProviderDescriptor } from '../descriptor';
import { reasoningStyle } from '../reasoning-control';
import { authHeaders, joinUrl } from '../request-util';
import { assertServes } from '../unsupported';
import { toInputItems } from './map-input';

/**
 * Builds the JSON body. Throws a bad_request ProviderError for what the host cannot take;
 * pushes a warning for each parameter it drops or changes.
 */
export function buildResponsesBody(req: ChatRequest, d: ProviderDescriptor, warnings: Warning[] = []): Record<string, unknown> {
  assertServes(req, d);
  const body: Record<string, unknown> = {
    model: req.model,
    input: toInputItems(req.messages, d, warnings),
    stream: true,
    store: false,
    include: ['reasoning.encrypted_content'],
  };
  if (req.temperature !== undefined) body.temperature = req.temperature;
  const maxTokens = req.maxOutputTokens ?? (d.capabilities.requiresMaxTokens ? d.defaultMaxOutputTokens : undefined);
  if (maxTokens !== undefined) body.max_output_tokens = maxTokens;
  if (req.stopSequences?.length)
    warnings.push({ parameter: 'stopSequences', message: 'The Responses API has no stop sequences; they were not sent.' });
  applyTools(body, req);
  applyReasoning(body, req, d, warnings);
  if (req.responseFormat) {
    const f = req.responseFormat;
    body.text = {
      format: { type: 'json_schema', name: f.name, schema: f.schema, ...(f.strict !== undefined ? { strict: f.strict } : {}) },
    };
  }
  const extra = req.providerOptions?.openai?.extraBody;
  // Extras go last so a user can override anything above.
  if (extra) Object.assign(body, extra);
  return body;
}

/** Function tools are flat here (no `function` wrapper), and strict unless told otherwise: so strict is always stated. */
function applyTools(body: Record<string, unknown>, req: ChatRequest): void {
  if (!req.tools?.length) return;
  body.tools = req.tools.map((t) => ({
    type: 'function',
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    parameters: t.parameters,
    strict: t.strict ?? false,
  }));
  const c = req.toolChoice;
  if (c !== undefined) body.tool_choice = typeof c === 'string' ? c : { type: 'function', name: c.name };
  if (req.parallelToolCalls !== undefined) body.parallel_tool_calls = req.parallelToolCalls;
}

/** `reasoning.effort`, with a summary asked for so the user sees what the model thought. */
function applyReasoning(body: Record<string, unknown>, req: ChatRequest, d: ProviderDescriptor, warnings: Warning[]): void {
  // The OpenAI-family option means the same thing here.
  const effort = req.providerOptions?.openai?.reasoningEffort;
  const r = req.reasoning ?? (effort ? { effort } : undefined);
  if (!r) return;
  if (!reasoningStyle(d, 'effort', warnings)) return;
  body.reasoning = { effort: r.effort, ...(r.exclude ? {} : { summary: 'auto' }) };
  if (r.maxTokens !== undefined)
    warnings.push({
      parameter: 'reasoning.maxTokens',
      message: `${d.displayName} takes an effort, not a token budget; the budget was not sent.`,
    });
}

/** Builds the HTTP call: URL, auth, the descriptor's static headers, and the body. */
export function buildResponsesHttpRequest(ctx: CallContext, req: ChatRequest, warnings: Warning[] = []): HttpRequest {
  const d = ctx.descriptor;
  return {
    method: 'POST',
    url: joinUrl(d.baseUrl, 'responses'),
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(d.extraHeaders ?? {}),
      ...authHeaders(d, ctx.apiKey),
    },
    body: JSON.stringify(buildResponsesBody(req, d, warnings)),
    signal: req.signal,
    provider: d.id,
  };
}
