// Anthropic Messages request → the engine's request. System blocks, text, base64 images,
// sampling and extended thinking are mapped; thinking blocks of earlier turns are dropped (their
// signatures only mean something to the host that made them); tools go through the tools seam.
import { z } from 'zod';
import type { ChatMessage, ContentPart } from '../../core/types';
import { parseLenient } from '../lenient';
import { GatewayRequestError } from '../request-error';
import { providerOptionsOf } from '../sampling';
import { toCoreTools, toolsFromAnthropic } from '../tools/tools-in';

const block = z.looseObject({ type: z.string() });
const content = z.union([z.string(), z.array(block)]);

const schema = z.object({
  model: z.string().min(1),
  messages: z.array(z.looseObject({ role: z.enum(['user', 'assistant']), content })),
  max_tokens: z.number().int().positive(),
  system: content.optional(),
  stream: z.boolean().optional(),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  top_k: z.number().int().optional(),
  stop_sequences: z.array(z.string()).optional(),
  thinking: z.looseObject({ type: z.string(), budget_tokens: z.number().int().positive().optional() }).optional(),
  tools: z.array(z.unknown()).optional(),
  tool_choice: z.unknown().optional(),
  metadata: z.unknown().optional(),
});

/** Fields Claude Code sends that have no meaning for other hosts: read, never an error. */
const KNOWN = [...Object.keys(schema.shape)];

/** What the handler needs from a Messages request. */
export interface AnthropicCall {
  model: string;
  stream: boolean;
  messages: ChatMessage[];
  temperature?: number;
  maxOutputTokens: number;
  stopSequences?: string[];
  providerOptions: ReturnType<typeof providerOptionsOf>;
}

/** The count_tokens body has no max_tokens. */
const countSchema = schema.extend({ max_tokens: z.number().int().positive().optional() });

/** Validates and maps a Messages body; throws GatewayRequestError with what is wrong. */
export function anthropicCall(body: unknown, onUnknown: (fields: string[]) => void): AnthropicCall {
  const b = parseLenient(schema, body, KNOWN, onUnknown);
  return mapped(b, b.max_tokens);
}

/** The messages of a count_tokens body (tools refused the same way, so counts match what would be sent). */
export function anthropicCountCall(body: unknown, onUnknown: (fields: string[]) => void): AnthropicCall {
  const b = parseLenient(countSchema, body, KNOWN, onUnknown);
  return mapped(b, b.max_tokens ?? 1);
}

function mapped(b: z.output<typeof countSchema>, maxTokens: number): AnthropicCall {
  const toolTurns = b.messages.filter((m) => Array.isArray(m.content) && m.content.some((p) => p.type === 'tool_use' || p.type === 'tool_result')).length;
  toCoreTools(toolsFromAnthropic(b.tools), toolTurns);
  const messages: ChatMessage[] = [];
  const system = b.system === undefined ? '' : typeof b.system === 'string' ? b.system : b.system.map((p, j) => textOf(p, `system[${j}]`)).join('\n');
  if (system) messages.push({ role: 'system', content: system });
  b.messages.forEach((m, i) => {
    if (typeof m.content === 'string') return void messages.push({ role: m.role, content: m.content });
    const parts = m.content.flatMap((p, j) => toParts(p, `messages[${i}].content[${j}]`));
    messages.push({ role: m.role, content: parts });
  });
  const thinkingBudget = b.thinking?.type === 'enabled' ? b.thinking.budget_tokens : undefined;
  return {
    model: b.model,
    stream: b.stream === true,
    messages,
    temperature: b.temperature,
    maxOutputTokens: maxTokens,
    stopSequences: b.stop_sequences?.length ? b.stop_sequences : undefined,
    providerOptions: providerOptionsOf({ topP: b.top_p, topK: b.top_k, thinkingBudgetTokens: thinkingBudget }),
  };
}

function textOf(p: z.output<typeof block>, field: string): string {
  if (p.type === 'text' && typeof p.text === 'string') return p.text;
  throw new GatewayRequestError(400, `${field}: a system block of type "${p.type}" is not supported (text is).`);
}

function toParts(p: z.output<typeof block>, field: string): ContentPart[] {
  if (p.type === 'text' && typeof p.text === 'string') return [{ type: 'text', text: p.text }];
  if (p.type === 'thinking' || p.type === 'redacted_thinking') return [];
  if (p.type === 'image') {
    const src = p.source as { type?: unknown; media_type?: unknown; data?: unknown } | undefined;
    if (src?.type === 'base64' && typeof src.media_type === 'string' && typeof src.data === 'string') return [{ type: 'image', mediaType: src.media_type, data: src.data }];
    throw new GatewayRequestError(400, `${field}: only base64 image sources are accepted; the gateway does not fetch remote images.`);
  }
  throw new GatewayRequestError(400, `${field}: content of type "${p.type}" is not supported by this gateway (text and images are).`);
}
