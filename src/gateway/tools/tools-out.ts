// Tools, core → client: a tool call the model made, written in each client protocol's wire
// shape. Nothing calls these until the core streams tool calls (the tools work adds a
// tool-call event to StreamEvent); the stream writers then call them where marked.

/** One tool call as the core will stream it, in neither vendor's shape. */
export interface GatewayToolCall {
  id: string;
  name: string;
  /** The arguments as a JSON text, possibly in pieces while streaming. */
  argumentsJson: string;
}

/** The `delta.tool_calls` entry of an OpenAI stream chunk that opens a tool call. */
export function openaiToolCallDelta(call: GatewayToolCall, index: number): Record<string, unknown> {
  return { index, id: call.id, type: 'function', function: { name: call.name, arguments: call.argumentsJson } };
}

/** The `content_block_start` and the `input_json_delta` of an Anthropic `tool_use` block. */
export function anthropicToolUseEvents(call: GatewayToolCall, index: number): Record<string, unknown>[] {
  return [
    { type: 'content_block_start', index, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } },
    { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: call.argumentsJson } },
    { type: 'content_block_stop', index },
  ];
}
