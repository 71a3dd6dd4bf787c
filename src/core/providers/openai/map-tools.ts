// Tool definitions and tool choice for OpenAI-compatible hosts.
// @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
import type { ChatRequest } from '../../types';
import type { ProviderDescriptor } from '../descriptor';
import { assertServes } from '../unsupported';

/** Adds `tools`, `tool_choice` and `parallel_tool_calls` to the body. */
export function applyOpenAITools(body: Record<string, unknown>, req: ChatRequest, d: ProviderDescriptor): void {
  assertServes(req, d);
  if (!req.tools?.length) return;
  body.tools = req.tools.map((t) => ({
    type: 'function',
    function: {
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      parameters: t.parameters,
      ...(t.strict !== undefined ? { strict: t.strict } : {}),
    },
  }));
  const c = req.toolChoice;
  if (c !== undefined) body.tool_choice = typeof c === 'string' ? c : { type: 'function', function: { name: c.name } };
  if (req.parallelToolCalls !== undefined) body.parallel_tool_calls = req.parallelToolCalls;
}
