// Anthropic Messages request → the engine's request. System blocks, text, base64 images,
// sampling, thinking, tools and tool turns are mapped; thinking blocks of earlier turns become
// reasoning parts with their signatures (see blocks.ts).
import { z } from 'zod';
import type { ChatMessage, ReasoningControl, ToolChoice, ToolDefinition } from '../../core/types';
import { parseLenient } from '../lenient';
import { GatewayRequestError } from '../request-error';
import { providerOptionsOf } from '../sampling';
import { reasoningFromAnthropic, toolChoiceFromAnthropic, toolsFromAnthropic } from '../tools/tools-in';
import { messagesOf } from './blocks';

const block = z.looseObject({ type: z.string() });
const content = z.union([z.string(), z.array(block)]);

const schema = z.object({
  model: z.string().min(1),
  // Claude Code 2.1 sends a `system` turn inside the conversation (its environment and tool list).
  messages: z.array(z.looseObject({ role: z.enum(['user', 'assistant', 'system']), content })),
  max_tokens: z.number().int().positive(),
  system: content.optional(),
  stream: z.boolean().optional(),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  top_k: z.number().int().optional(),
  stop_sequences: z.array(z.string()).optional(),
  thinking: z
    .looseObject({ type: z.string(), budget_tokens: z.number().int().positive().optional(), display: z.unknown().optional() })
    .optional(),
  tools: z.array(z.unknown()).optional(),
  tool_choice: z.unknown().optional(),
  metadata: z.unknown().optional(),
});

/** Fields Claude Code sends that have no meaning for other hosts: read, never an error. */
const KNOWN = [...Object.keys(schema.shape)];

/** What the handler needs from a Messages request. */
interface AnthropicCall {
  model: string;
  stream: boolean;
  messages: ChatMessage[];
  temperature?: number;
  maxOutputTokens: number;
  stopSequences?: string[];
  providerOptions: ReturnType<typeof providerOptionsOf>;
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  reasoning?: ReasoningControl;
}

/** The count_tokens body has no max_tokens. */
const countSchema = schema.extend({ max_tokens: z.number().int().positive().optional() });

/** Validates and maps a Messages body; throws GatewayRequestError with what is wrong. */
export function anthropicCall(
  body: unknown,
  onUnknown: (fields: string[]) => void,
  skipped: (serverToolType: string) => void = () => undefined,
): AnthropicCall {
  const b = parseLenient(schema, body, KNOWN, onUnknown);
  return mapped(b, b.max_tokens, skipped);
}

/** The messages of a count_tokens body (tools refused the same way, so counts match what would be sent). */
export function anthropicCountCall(
  body: unknown,
  onUnknown: (fields: string[]) => void,
  skipped: (serverToolType: string) => void = () => undefined,
): AnthropicCall {
  const b = parseLenient(countSchema, body, KNOWN, onUnknown);
  return mapped(b, b.max_tokens ?? 1, skipped);
}

function mapped(b: z.output<typeof countSchema>, maxTokens: number, skipped: (serverToolType: string) => void): AnthropicCall {
  const tools = toolsFromAnthropic(b.tools, skipped);
  const messages: ChatMessage[] = [];
  const system =
    b.system === undefined ? '' : typeof b.system === 'string' ? b.system : b.system.map((p, j) => textOf(p, `system[${j}]`)).join('\n');
  if (system) messages.push({ role: 'system', content: system });
  b.messages.forEach((m, i) => {
    if (typeof m.content === 'string') return void messages.push({ role: m.role, content: m.content });
    if (m.role === 'system')
      return void messages.push({ role: 'system', content: m.content.map((p, j) => textOf(p, `messages[${i}].content[${j}]`)).join('\n') });
    messages.push(...messagesOf(m.role, m.content, i));
  });
  const thinkingBudget = b.thinking?.type === 'enabled' ? b.thinking.budget_tokens : undefined;
  return {
    model: b.model,
    stream: b.stream === true,
    messages,
    temperature: b.temperature,
    maxOutputTokens: maxTokens,
    stopSequences: b.stop_sequences?.length ? b.stop_sequences : undefined,
    tools: tools.length ? tools : undefined,
    ...toolChoiceFromAnthropic(b.tool_choice),
    reasoning: reasoningFromAnthropic(b.thinking),
    providerOptions: providerOptionsOf({ topP: b.top_p, topK: b.top_k, thinkingBudgetTokens: thinkingBudget }),
  };
}

function textOf(p: z.output<typeof block>, field: string): string {
  if (p.type === 'text' && typeof p.text === 'string') return p.text;
  throw new GatewayRequestError(400, `${field}: a system block of type "${p.type}" is not supported (text is).`);
}
