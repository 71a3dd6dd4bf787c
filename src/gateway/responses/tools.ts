// Responses tools, tool choice, reasoning and text format → the core request's own fields, so
// any host family can serve them. Built-in tools (web search, file search, code interpreter, …)
// run only on OpenAI's servers: they are left out with a warning, and forcing one is an error.
import type { ReasoningControl, ResponseFormat, ToolChoice, ToolDefinition } from '../../core/types';
import { GatewayRequestError } from '../request-error';

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A free-form custom tool becomes a function with one string argument, and its calls are given back as custom calls. */
const CUSTOM_INPUT_SCHEMA = {
  type: 'object',
  properties: { input: { type: 'string', description: 'The raw input for the tool.' } },
  required: ['input'],
  additionalProperties: false,
};

/** The tools of a request, and which of them are custom (their calls go back as `custom_tool_call`). */
interface MappedTools {
  tools: ToolDefinition[];
  custom: Set<string>;
}

/** `tools`: function and custom tools map; built-in tools are reported by `warn` with their type. */
export function toolsFromResponses(tools: unknown, warn: (parameter: string) => void): MappedTools {
  const out: MappedTools = { tools: [], custom: new Set() };
  (Array.isArray(tools) ? tools : []).forEach((t, i) => {
    if (!isObj(t) || typeof t.type !== 'string')
      throw new GatewayRequestError(400, `tools[${i}]: expected a tool with a type.`, 'invalid_request', `tools[${i}]`);
    if (t.type !== 'function' && t.type !== 'custom') return warn(`tools[${i}].${t.type}`);
    if (typeof t.name !== 'string' || !t.name)
      throw new GatewayRequestError(400, `tools[${i}].name: expected the tool's name.`, 'invalid_request', `tools[${i}].name`);
    const d: ToolDefinition = {
      name: t.name,
      parameters: t.type === 'custom' ? CUSTOM_INPUT_SCHEMA : isObj(t.parameters) ? t.parameters : { type: 'object', properties: {} },
    };
    if (typeof t.description === 'string') d.description = t.description;
    if (t.type === 'function' && typeof t.strict === 'boolean') d.strict = t.strict;
    if (t.type === 'custom') {
      out.custom.add(t.name);
      // A grammar or format cannot be enforced on another host; the model sees its description only.
      if (t.format !== undefined && !(isObj(t.format) && t.format.type === 'text')) warn(`tools[${i}].format`);
    }
    out.tools.push(d);
  });
  return out;
}

/** `tool_choice`: "auto" | "none" | "required" | {type: "function" | "custom", name} | {type: "allowed_tools", mode}. */
export function toolChoiceFromResponses(choice: unknown, warn: (parameter: string) => void): ToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
  if (isObj(choice) && (choice.type === 'function' || choice.type === 'custom') && typeof choice.name === 'string')
    return { type: 'tool', name: choice.name };
  if (isObj(choice) && choice.type === 'allowed_tools' && (choice.mode === 'auto' || choice.mode === 'required')) {
    // The list narrows the tools for this turn; every host still gets all of them.
    warn('tool_choice.allowed_tools');
    return choice.mode;
  }
  const type = isObj(choice) && typeof choice.type === 'string' ? choice.type : undefined;
  throw new GatewayRequestError(
    400,
    type
      ? `tool_choice: the built-in tool "${type}" runs only on OpenAI's servers; this gateway serves function and custom tools.`
      : 'tool_choice: expected "auto", "none", "required" or {type: "function", name}.',
    type ? 'unsupported_value' : 'invalid_request',
    'tool_choice',
  );
}

/** `reasoning.effort`: "none" asks for no reasoning; "xhigh" is served as high. */
export function reasoningFromResponses(effort: string | null | undefined, warn: (parameter: string) => void): ReasoningControl | undefined {
  if (!effort || effort === 'none') return undefined;
  if (effort === 'xhigh') {
    warn('reasoning.effort');
    return { effort: 'high' };
  }
  return { effort: effort as ReasoningControl['effort'] };
}

/** `text.format`: json_schema maps to the core's structured output; json_object travels to OpenAI-compatible hosts only. */
export function formatFromResponses(format: unknown): { responseFormat?: ResponseFormat; jsonObject?: boolean } {
  if (!isObj(format) || format.type === 'text') return {};
  if (format.type === 'json_object') return { jsonObject: true };
  if (format.type === 'json_schema') {
    if (!isObj(format.schema))
      throw new GatewayRequestError(400, 'text.format.schema: expected a JSON Schema object.', 'invalid_request', 'text.format.schema');
    return {
      responseFormat: {
        type: 'json_schema',
        schema: format.schema,
        name: typeof format.name === 'string' ? format.name : 'response',
        ...(typeof format.strict === 'boolean' ? { strict: format.strict } : {}),
      },
    };
  }
  throw new GatewayRequestError(
    400,
    'text.format.type: expected "text", "json_object" or "json_schema".',
    'invalid_request',
    'text.format',
  );
}
