// OpenAI Chat Completions request → the engine's request. Text, images (data: URLs), system and
// developer messages, sampling, tools, tool turns, structured output and reasoning effort are mapped.
import { z } from 'zod';
import type { ChatMessage, ContentPart, ReasoningControl, ResponseFormat, ToolChoice, ToolDefinition } from '../../core/types';
import { imageFromDataUrl, parseLenient } from '../lenient';
import { GatewayRequestError } from '../request-error';
import { providerOptionsOf } from '../sampling';
import { responseFormatFromOpenAI, toolChoiceFromOpenAI, toolsFromOpenAI } from '../tools/tools-in';
import { toolTurnOf } from './tool-turns';

const part = z.looseObject({ type: z.string() });
const message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(part), z.null()]).optional(),
  tool_calls: z.array(z.unknown()).optional(),
  function_call: z.unknown().optional(),
  tool_call_id: z.string().optional(),
});

const schema = z.object({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  n: z.number().int().nullish(),
  seed: z.number().int().nullish(),
  presence_penalty: z.number().nullish(),
  frequency_penalty: z.number().nullish(),
  reasoning_effort: z.enum(['minimal', 'low', 'medium', 'high']).nullish(),
  response_format: z.unknown().optional(),
  tools: z.array(z.unknown()).nullish(),
  tool_choice: z.unknown().optional(),
  parallel_tool_calls: z.unknown().optional(),
  functions: z.array(z.unknown()).nullish(),
  function_call: z.unknown().optional(),
  user: z.unknown().optional(),
});

const KNOWN = Object.keys(schema.shape);

/** What the handler needs from a Chat Completions request. */
interface OpenAIChatCall {
  model: string;
  stream: boolean;
  includeUsage: boolean;
  messages: ChatMessage[];
  temperature?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  providerOptions: ReturnType<typeof providerOptionsOf>;
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  reasoning?: ReasoningControl;
  responseFormat?: ResponseFormat;
}

/** Validates and maps a request body; throws GatewayRequestError with what is wrong. */
export function openaiChatCall(body: unknown, onUnknown: (fields: string[]) => void): OpenAIChatCall {
  const b = parseLenient(schema, body, KNOWN, onUnknown);
  if (b.n !== undefined && b.n !== null && b.n !== 1)
    throw new GatewayRequestError(400, 'n: only one choice per request is supported.', 'unsupported_value', 'n');
  const tools = toolsFromOpenAI(b.tools, b.functions);
  const responseFormat = responseFormatFromOpenAI(b.response_format);
  const stop = b.stop === null || b.stop === undefined ? undefined : typeof b.stop === 'string' ? [b.stop] : b.stop;
  return {
    model: b.model,
    stream: b.stream === true,
    includeUsage: b.stream_options?.include_usage === true,
    messages: b.messages.map((m, i) => toMessage(m, i)),
    temperature: b.temperature ?? undefined,
    maxOutputTokens: b.max_completion_tokens ?? b.max_tokens ?? undefined,
    stopSequences: stop?.length ? stop : undefined,
    tools: tools.length ? tools : undefined,
    toolChoice: toolChoiceFromOpenAI(b.tool_choice ?? b.function_call),
    parallelToolCalls: typeof b.parallel_tool_calls === 'boolean' ? b.parallel_tool_calls : undefined,
    reasoning: b.reasoning_effort ? { effort: b.reasoning_effort } : undefined,
    responseFormat,
    providerOptions: providerOptionsOf({
      topP: b.top_p ?? undefined,
      seed: b.seed ?? undefined,
      presencePenalty: b.presence_penalty ?? undefined,
      frequencyPenalty: b.frequency_penalty ?? undefined,
      reasoningEffort: b.reasoning_effort ?? undefined,
      // json_schema is the core's own field (every family); json_object travels to OpenAI-compatible hosts only.
      responseFormat: responseFormat ? undefined : (b.response_format ?? undefined),
    }),
  };
}

function toMessage(m: z.output<typeof message>, i: number): ChatMessage {
  const turn = toolTurnOf(m, i, (c, field) => (typeof c === 'string' ? c : c.map((p, j) => toPart(p, `${field}[${j}]`))));
  if (turn) return turn;
  const role = m.role === 'developer' ? 'system' : (m.role as 'system' | 'user' | 'assistant');
  const content = m.content ?? '';
  if (typeof content === 'string') return { role, content };
  return { role, content: content.map((p, j) => toPart(p, `messages[${i}].content[${j}]`)) };
}

function toPart(p: z.output<typeof part>, field: string): ContentPart {
  if (p.type === 'text' && typeof p.text === 'string') return { type: 'text', text: p.text };
  if (p.type === 'image_url') {
    const iu = p.image_url as { url?: unknown } | string | undefined;
    const url = typeof iu === 'string' ? iu : iu?.url;
    if (typeof url !== 'string') throw new GatewayRequestError(400, `${field}.image_url.url: expected a string.`, 'invalid_request', field);
    return imageFromDataUrl(url, field);
  }
  if (p.type === 'refusal' && typeof p.refusal === 'string') return { type: 'text', text: p.refusal };
  throw new GatewayRequestError(
    400,
    `${field}: content of type "${p.type}" is not supported by this gateway (text and images are).`,
    'unsupported_content',
    field,
  );
}
