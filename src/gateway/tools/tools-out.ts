// Tools, core → client: a tool call the model made, written in each client protocol's wire
// shape. The core hands over a call once its arguments are complete, so each goes out whole.

/** One tool call, in neither vendor's shape. */
export interface GatewayToolCall {
  id: string;
  name: string;
  /** The arguments as a JSON text, possibly in pieces while streaming. */
  argumentsJson: string;
  /** Gemini's thought signature on the call, for clients that can carry it back (Responses' reasoning state). */
  signature?: string;
  /** The host sent no id and the core made one up. */
  syntheticId?: boolean;
}

/** The `delta.tool_calls` entry of an OpenAI stream chunk that opens a tool call. */
export function openaiToolCallDelta(call: GatewayToolCall, index: number): Record<string, unknown> {
  return { index, id: call.id, type: 'function', function: { name: call.name, arguments: call.argumentsJson } };
}

/** An entry of a whole answer's `message.tool_calls`. */
export function openaiToolCall(call: GatewayToolCall): Record<string, unknown> {
  return { id: call.id, type: 'function', function: { name: call.name, arguments: call.argumentsJson } };
}

/**
 * The arguments as the object Anthropic's `input` must be. A model may write arguments that are
 * not a JSON object (the core reports them as invalid); Anthropic clients parse `input_json_delta`
 * and would fail on them, so they get an empty object, and the tool's own validation answers.
 */
export function anthropicInput(call: GatewayToolCall): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(call.argumentsJson || '{}');
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A whole answer's `tool_use` content block. */
export function anthropicToolUseBlock(call: GatewayToolCall): Record<string, unknown> {
  return { type: 'tool_use', id: call.id, name: call.name, input: anthropicInput(call) };
}

/** The `content_block_start`, `input_json_delta` and `content_block_stop` of an Anthropic `tool_use` block. */
export function anthropicToolUseEvents(call: GatewayToolCall, index: number): Record<string, unknown>[] {
  return [
    { type: 'content_block_start', index, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } },
    { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(anthropicInput(call)) } },
    { type: 'content_block_stop', index },
  ];
}
