// Tools, client → core: tool definitions, tool choice and structured-output requests of both
// client protocols read into the core request's own fields, so any host family can serve them.
import type { ReasoningControl, ResponseFormat, ToolChoice, ToolDefinition } from '../../core/types';
import { GatewayRequestError } from '../request-error';

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function definition(name: unknown, description: unknown, schema: unknown, strict?: unknown): ToolDefinition | undefined {
  if (typeof name !== 'string' || !name) return undefined;
  const d: ToolDefinition = { name, parameters: isObj(schema) ? schema : { type: 'object', properties: {} } };
  if (typeof description === 'string') d.description = description;
  if (typeof strict === 'boolean') d.strict = strict;
  return d;
}

/** OpenAI `tools: [{type: "function", function: {name, description, parameters, strict}}]` (and legacy `functions`). */
export function toolsFromOpenAI(tools: unknown, functions?: unknown): ToolDefinition[] {
  const out: ToolDefinition[] = [];
  (Array.isArray(tools) ? tools : []).forEach((t, i) => {
    const f = isObj(t) && isObj(t.function) ? t.function : undefined;
    const d = f && definition(f.name, f.description, f.parameters, f.strict);
    if (!d)
      throw new GatewayRequestError(
        400,
        `tools[${i}]: expected {type: "function", function: {name, parameters}}.`,
        'invalid_request',
        `tools[${i}]`,
      );
    out.push(d);
  });
  for (const f of Array.isArray(functions) ? functions : []) {
    const d = isObj(f) ? definition(f.name, f.description, f.parameters) : undefined;
    if (d) out.push(d);
  }
  return out;
}

/** OpenAI `tool_choice` ("auto" | "none" | "required" | {type: "function", function: {name}}) or legacy `function_call`. */
export function toolChoiceFromOpenAI(choice: unknown): ToolChoice | undefined {
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
  if (isObj(choice)) {
    const name = isObj(choice.function) ? str(choice.function.name) : str(choice.name);
    if (name) return { type: 'tool', name };
  }
  if (choice === undefined || choice === null) return undefined;
  throw new GatewayRequestError(
    400,
    'tool_choice: expected "auto", "none", "required" or {type: "function", function: {name}}.',
    'invalid_request',
    'tool_choice',
  );
}

/** OpenAI `response_format`: json_schema maps to the core's; json_object and text travel as before (OpenAI-compatible hosts only). */
export function responseFormatFromOpenAI(rf: unknown): ResponseFormat | undefined {
  if (!isObj(rf) || rf.type !== 'json_schema') return undefined;
  const js = isObj(rf.json_schema) ? rf.json_schema : undefined;
  if (!js || !isObj(js.schema))
    throw new GatewayRequestError(
      400,
      'response_format.json_schema.schema: expected a JSON Schema object.',
      'invalid_request',
      'response_format',
    );
  return {
    type: 'json_schema',
    schema: js.schema,
    name: str(js.name) ?? 'response',
    ...(typeof js.strict === 'boolean' ? { strict: js.strict } : {}),
  };
}

/**
 * Anthropic `tools`. Client tools (`{name, description, input_schema}`) map; server tools
 * (`type: "web_search_…"` and the like) only the Anthropic API can run, so they are dropped with a warning.
 */
export function toolsFromAnthropic(tools: unknown, skipped: (serverToolType: string) => void): ToolDefinition[] {
  const out: ToolDefinition[] = [];
  (Array.isArray(tools) ? tools : []).forEach((t, i) => {
    if (isObj(t) && typeof t.type === 'string' && t.type !== 'custom' && !isObj(t.input_schema)) {
      skipped(t.type);
      return;
    }
    const d = isObj(t) ? definition(t.name, t.description, t.input_schema, t.strict) : undefined;
    if (!d) throw new GatewayRequestError(400, `tools[${i}]: expected {name, input_schema}.`, 'invalid_request', `tools[${i}]`);
    out.push(d);
  });
  return out;
}

/** Anthropic `tool_choice` ({type: auto | any | tool | none, disable_parallel_tool_use}). */
export function toolChoiceFromAnthropic(choice: unknown): { toolChoice?: ToolChoice; parallelToolCalls?: boolean } {
  if (choice === undefined || choice === null) return {};
  if (!isObj(choice)) throw new GatewayRequestError(400, 'tool_choice: expected an object with a type.', 'invalid_request', 'tool_choice');
  const parallelToolCalls = choice.disable_parallel_tool_use === true ? false : undefined;
  if (choice.type === 'auto') return { toolChoice: 'auto', parallelToolCalls };
  if (choice.type === 'none') return { toolChoice: 'none', parallelToolCalls };
  if (choice.type === 'any') return { toolChoice: 'required', parallelToolCalls };
  if (choice.type === 'tool' && typeof choice.name === 'string')
    return { toolChoice: { type: 'tool', name: choice.name }, parallelToolCalls };
  throw new GatewayRequestError(
    400,
    'tool_choice.type: expected "auto", "any", "tool" (with a name) or "none".',
    'invalid_request',
    'tool_choice',
  );
}

const BUDGET_EFFORT: [number, ReasoningControl['effort']][] = [
  [1_024, 'minimal'],
  [4_096, 'low'],
  [16_384, 'medium'],
];

/**
 * Anthropic `thinking`: `enabled` with a budget, or `adaptive` (the model decides how much;
 * other families get a medium effort). `display: "omitted"` asks not to see the text.
 */
export function reasoningFromAnthropic(
  thinking: { type: string; budget_tokens?: number; display?: unknown } | undefined,
): ReasoningControl | undefined {
  if (!thinking || (thinking.type !== 'enabled' && thinking.type !== 'adaptive')) return undefined;
  const budget = thinking.type === 'enabled' ? thinking.budget_tokens : undefined;
  const effort = budget === undefined ? 'medium' : (BUDGET_EFFORT.find(([max]) => budget <= max)?.[1] ?? 'high');
  return { effort, ...(budget !== undefined ? { maxTokens: budget } : {}), ...(thinking.display === 'omitted' ? { exclude: true } : {}) };
}
