// ChatRequest → Anthropic Messages request body and HTTP call. The Messages API is stricter
// than OpenAI's: system is a top-level field, roles must alternate, max_tokens is required,
// extended thinking forbids a custom temperature. Each rule is handled here so callers can send
// the same ChatRequest to every family.
import type { HttpRequest } from '../../http/client';
import type { ChatRequest, Warning } from '../../types';
import { contentText } from '../../types';
import type { CallContext, ProviderDescriptor } from '../descriptor';
import { budgetFor, reasoningStyle } from '../reasoning-control';
import { authHeaders, joinUrl } from '../request-util';
import { assertServes } from '../unsupported';
import { toAnthropicMessages } from './map-messages';
import { ANTHROPIC_DEFAULT_MAX_OUTPUT_TOKENS } from './preset';

export { toAnthropicMessages } from './map-messages';

/** Anthropic's floor for `thinking.budget_tokens`. */
const MIN_THINKING_BUDGET_TOKENS = 1024;

/**
 * Builds the JSON body of a streaming Messages call. `extraBody` is applied last and wins.
 * Pushes a warning for each parameter it drops or changes.
 */
export function buildAnthropicBody(req: ChatRequest, d: ProviderDescriptor, warnings: Warning[] = []): Record<string, unknown> {
  assertServes(req, d);
  const system = req.messages
    .filter((m) => m.role === 'system')
    .map((m) => contentText(m.content))
    .filter((t) => t.trim() !== '')
    .join('\n\n');
  const opts = req.providerOptions?.anthropic;
  const answerTokens = positiveInt(req.maxOutputTokens) ?? d.defaultMaxOutputTokens ?? ANTHROPIC_DEFAULT_MAX_OUTPUT_TOKENS;
  const toolChoice = anthropicToolChoice(req);
  let budget = thinkingBudget(req, d, warnings);
  // Extended thinking cannot be combined with a forced tool (the API answers 400).
  if (budget !== undefined && toolChoice && (toolChoice.type === 'any' || toolChoice.type === 'tool')) {
    warnings.push({
      parameter: 'reasoning',
      message: 'Anthropic cannot think while a tool is forced; thinking was turned off for this request.',
    });
    budget = undefined;
  }
  const body: Record<string, unknown> = {
    model: req.model,
    // Thinking tokens count against max_tokens, and budget_tokens must be below it; adding the
    // budget keeps the caller's limit for the visible answer.
    max_tokens: budget === undefined ? answerTokens : answerTokens + budget,
    messages: toAnthropicMessages(req.messages),
    stream: true,
  };
  if (system) body.system = system;
  const stops = (req.stopSequences ?? []).filter((s) => /\S/.test(s));
  if (stops.length > 0) body.stop_sequences = stops;
  if (budget !== undefined) {
    // With thinking on, Anthropic accepts only the default temperature (1); sending another
    // value is a 400, so the caller's temperature is dropped rather than failing the request.
    body.thinking = { type: 'enabled', budget_tokens: budget };
    if (req.temperature !== undefined)
      warnings.push({ parameter: 'temperature', message: 'Anthropic takes no temperature while thinking; it was not sent.' });
  } else if (req.temperature !== undefined && Number.isFinite(req.temperature)) {
    // Anthropic's range is 0..1 where OpenAI's is 0..2; clamp so one request fits every family.
    body.temperature = Math.min(1, Math.max(0, req.temperature));
    if (body.temperature !== req.temperature)
      warnings.push({
        parameter: 'temperature',
        message: `Anthropic's temperature range is 0..1; ${req.temperature} was sent as ${body.temperature}.`,
        changed: true,
      });
  }
  const tools = anthropicTools(req);
  if (tools.length) body.tools = tools;
  if (toolChoice && tools.length) body.tool_choice = toolChoice;
  if (opts?.extraBody) Object.assign(body, opts.extraBody);
  return body;
}

/** Name of the forced tool that carries a structured answer; its input is the answer text. */
export function answerToolName(req: ChatRequest): string | undefined {
  return req.responseFormat ? req.responseFormat.name : undefined;
}

function anthropicTools(req: ChatRequest): Record<string, unknown>[] {
  const tools = (req.tools ?? []).map((t) => ({
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    input_schema: t.parameters,
  }));
  const f = req.responseFormat;
  if (f)
    tools.push({ name: f.name, description: 'Give the answer by calling this tool; its input is the answer.', input_schema: f.schema });
  return tools;
}

/** tool_choice, with `disable_parallel_tool_use` when parallel calls are turned off. */
function anthropicToolChoice(req: ChatRequest): Record<string, unknown> | undefined {
  const f = req.responseFormat;
  if (f) return { type: 'tool', name: f.name };
  if (!req.tools?.length) return undefined;
  const c = req.toolChoice;
  const base =
    c === undefined || c === 'auto'
      ? { type: 'auto' }
      : c === 'none'
        ? { type: 'none' }
        : c === 'required'
          ? { type: 'any' }
          : { type: 'tool', name: c.name };
  if (req.parallelToolCalls === false && base.type !== 'none') return { ...base, disable_parallel_tool_use: true };
  return c === undefined && req.parallelToolCalls === undefined ? undefined : base;
}

/** The thinking budget: the reasoning control, else the provider option, raised to the API floor. */
function thinkingBudget(req: ChatRequest, d: ProviderDescriptor, warnings: Warning[]): number | undefined {
  let requested = positiveInt(req.providerOptions?.anthropic?.thinkingBudgetTokens);
  if (req.reasoning && reasoningStyle(d, 'budget', warnings)) {
    requested = budgetFor(req.reasoning);
    if (req.reasoning.exclude)
      warnings.push({
        parameter: 'reasoning.exclude',
        message: 'Anthropic always returns thinking when it is on; exclude was not applied.',
      });
  }
  return requested === undefined ? undefined : Math.max(MIN_THINKING_BUDGET_TOKENS, requested);
}

/** The HTTP call for a streaming Messages request. */
export function buildAnthropicHttpRequest(ctx: CallContext, req: ChatRequest, warnings: Warning[] = []): HttpRequest {
  const d = ctx.descriptor;
  return {
    method: 'POST',
    url: joinUrl(d.baseUrl, 'messages'),
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...d.extraHeaders,
      ...authHeaders(d, ctx.apiKey),
    },
    body: JSON.stringify(buildAnthropicBody(req, d, warnings)),
    signal: req.signal,
    provider: d.id,
  };
}

function positiveInt(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n >= 1 ? Math.floor(n) : undefined;
}
