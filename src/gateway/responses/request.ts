// OpenAI Responses request → the engine's request. What needs server-side state the gateway does
// not keep (previous_response_id, conversation, background runs, stored prompts) is refused with
// a clear error; what a host cannot express is served without it and named in `warnings`.
import { z } from 'zod';
import type { ChatRequest, ProviderOptions } from '../../core/types';
import { parseLenient } from '../lenient';
import { GatewayRequestError } from '../request-error';
import { providerOptionsOf } from '../sampling';
import { messagesOfInput } from './input-items';
import { formatFromResponses, reasoningFromResponses, toolChoiceFromResponses, toolsFromResponses } from './tools';

const ENCRYPTED_REASONING = 'reasoning.encrypted_content';

const schema = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.unknown())]),
  instructions: z.string().nullish(),
  stream: z.boolean().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  tools: z.array(z.unknown()).nullish(),
  tool_choice: z.unknown().optional(),
  parallel_tool_calls: z.boolean().nullish(),
  reasoning: z
    .looseObject({ effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(), summary: z.unknown().optional() })
    .nullish(),
  store: z.boolean().nullish(),
  include: z.array(z.string()).nullish(),
  text: z.looseObject({ format: z.unknown().optional(), verbosity: z.string().nullish() }).nullish(),
  prompt_cache_key: z.string().nullish(),
  previous_response_id: z.string().nullish(),
  conversation: z.unknown().optional(),
  background: z.boolean().nullish(),
  prompt: z.unknown().optional(),
});

const KNOWN = Object.keys(schema.shape);

/** What the handler needs from a Responses request: the core request's own fields, and what the answer needs. */
interface ResponsesCall extends Pick<
  ChatRequest,
  'messages' | 'temperature' | 'maxOutputTokens' | 'tools' | 'toolChoice' | 'parallelToolCalls' | 'reasoning' | 'responseFormat'
> {
  model: string;
  stream: boolean;
  providerOptions: ProviderOptions;
  /** Tools declared `custom`: their calls go back as custom_tool_call items. */
  customTools: Set<string>;
  /** The client asked for reasoning state in `encrypted_content`. */
  encryptedReasoning: boolean;
  /** Echoed in the response object, as the API does. */
  echo: ResponseEcho;
  /** Request fields left out because no host here can honour them. */
  warnings: string[];
}

/** Request fields the response object repeats. */
export interface ResponseEcho {
  instructions: string | null;
  max_output_tokens: number | null;
  parallel_tool_calls: boolean;
  reasoning: { effort: string | null; summary: unknown };
  temperature: number | null;
  top_p: number | null;
  text: Record<string, unknown>;
  tool_choice: unknown;
  tools: unknown[];
  prompt_cache_key: string | null;
}

function refuseServerState(b: z.output<typeof schema>): void {
  const refuse = (param: string, message: string) => {
    throw new GatewayRequestError(400, `${param}: ${message}`, 'unsupported_parameter', param);
  };
  if (b.previous_response_id)
    refuse('previous_response_id', 'this gateway stores no responses. Send the whole conversation in input, with store: false.');
  if (b.conversation !== undefined && b.conversation !== null)
    refuse('conversation', 'this gateway keeps no conversations. Send the whole conversation in input.');
  if (b.background === true) refuse('background', 'background responses need a server-side store, which this gateway does not keep.');
  if (b.prompt !== undefined && b.prompt !== null)
    refuse('prompt', 'stored prompt templates live on OpenAI’s servers; send instructions instead.');
}

/** Validates and maps a request body; throws GatewayRequestError with what is wrong. */
export function responsesCall(body: unknown): ResponsesCall {
  const warnings: string[] = [];
  const warn = (p: string) => void warnings.push(p);
  const b = parseLenient(schema, body, KNOWN, (f) => warnings.push(...f));
  refuseServerState(b);
  // The gateway keeps nothing: a stored response could not be fetched later.
  if (b.store === true) warn('store');
  for (const inc of b.include ?? []) if (inc !== ENCRYPTED_REASONING) warn(`include.${inc}`);
  if (b.prompt_cache_key) warn('prompt_cache_key');
  if (b.text?.verbosity && b.text.verbosity !== 'medium') warn('text.verbosity');
  const mapped = toolsFromResponses(b.tools, warn);
  const format = formatFromResponses(b.text?.format);
  const messages = messagesOfInput(b.instructions ?? undefined, b.input, warn);
  const reasoning = reasoningFromResponses(b.reasoning?.effort, warn);
  return {
    model: b.model,
    stream: b.stream === true,
    messages,
    temperature: b.temperature ?? undefined,
    maxOutputTokens: b.max_output_tokens ?? undefined,
    tools: mapped.tools.length ? mapped.tools : undefined,
    toolChoice: toolChoiceFromResponses(b.tool_choice, warn),
    parallelToolCalls: b.parallel_tool_calls ?? undefined,
    reasoning,
    responseFormat: format.responseFormat,
    providerOptions: providerOptionsOf({
      topP: b.top_p ?? undefined,
      reasoningEffort: reasoning?.effort,
      responseFormat: format.jsonObject ? { type: 'json_object' } : undefined,
    }),
    customTools: mapped.custom,
    encryptedReasoning: (b.include ?? []).includes(ENCRYPTED_REASONING),
    echo: {
      instructions: b.instructions ?? null,
      max_output_tokens: b.max_output_tokens ?? null,
      parallel_tool_calls: b.parallel_tool_calls ?? true,
      reasoning: { effort: b.reasoning?.effort ?? null, summary: b.reasoning?.summary ?? null },
      temperature: b.temperature ?? null,
      top_p: b.top_p ?? null,
      text: { format: b.text?.format ?? { type: 'text' }, ...(b.text?.verbosity ? { verbosity: b.text.verbosity } : {}) },
      tool_choice: b.tool_choice ?? 'auto',
      tools: b.tools ?? [],
      prompt_cache_key: b.prompt_cache_key ?? null,
    },
    warnings,
  };
}
