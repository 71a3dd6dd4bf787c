// Tools, client → core: tool definitions and tool turns of both client protocols read into one
// neutral shape. The core's tool types are not there yet (`ChatRequest.tools` and
// `ChatMessage.toolCalls` are placeholders), so `toCoreTools` refuses with a clear error rather
// than letting a request lose its tools on the way.
import { GatewayRequestError } from '../request-error';

/** A tool definition in neither vendor's shape. */
export interface GatewayTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  inputSchema: Record<string, unknown>;
}

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** OpenAI `tools: [{type: "function", function: {name, description, parameters}}]` (and legacy `functions`). */
export function toolsFromOpenAI(tools: unknown, functions?: unknown): GatewayTool[] {
  const out: GatewayTool[] = [];
  for (const t of Array.isArray(tools) ? tools : []) {
    const f = isObj(t) && isObj(t.function) ? t.function : undefined;
    if (f && typeof f.name === 'string') out.push({ name: f.name, description: typeof f.description === 'string' ? f.description : undefined, inputSchema: isObj(f.parameters) ? f.parameters : {} });
  }
  for (const f of Array.isArray(functions) ? functions : []) {
    if (isObj(f) && typeof f.name === 'string') out.push({ name: f.name, description: typeof f.description === 'string' ? f.description : undefined, inputSchema: isObj(f.parameters) ? f.parameters : {} });
  }
  return out;
}

/** Anthropic `tools: [{name, description, input_schema}]`; server tools (`type: "web_search_…"`) keep their name. */
export function toolsFromAnthropic(tools: unknown): GatewayTool[] {
  const out: GatewayTool[] = [];
  for (const t of Array.isArray(tools) ? tools : []) {
    if (isObj(t) && typeof t.name === 'string') out.push({ name: t.name, description: typeof t.description === 'string' ? t.description : undefined, inputSchema: isObj(t.input_schema) ? t.input_schema : {} });
  }
  return out;
}

/**
 * Where the core's tool types plug in: map GatewayTool[] (and tool turns) to `ChatRequest.tools`
 * and `ChatMessage.toolCalls` once they exist. Until then a request with tools is refused,
 * so an agent is told plainly instead of getting answers that ignore its tools.
 */
export function toCoreTools(tools: readonly GatewayTool[], turnsWithTools: number): never[] {
  if (tools.length === 0 && turnsWithTools === 0) return [];
  const what = tools.length ? `${tools.length} tool definition(s) (${tools.slice(0, 5).map((t) => t.name).join(', ')}${tools.length > 5 ? ', …' : ''})` : `${turnsWithTools} tool call or tool result turn(s)`;
  throw new GatewayRequestError(400, `This Switchboard gateway does not support tool calling yet; the request has ${what}. Send the request without tools.`, 'tools_not_supported', 'tools');
}
