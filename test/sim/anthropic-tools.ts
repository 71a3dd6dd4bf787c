// Anthropic tool-call streams: a thinking block with its signature_delta, a text block, then one
// `tool_use` block per call with `input_json_delta` pieces, stop_reason `tool_use`; a failing
// spec ends with an `error` event in the middle of a call.
import type { RecordedRequest, Scenario } from './server';
import type { SseFrame } from './server';
import { errorFrame, frame, messageStartFrame, PING, sseScenario, type AnthropicStreamSpec } from './anthropic-wire';
import { pieces, TOOL_LOOP_ANSWER, TOOL_SPECS, type ToolSpec } from './tool-scenarios';

/** Every frame of a tool-calling answer. */
export function anthropicToolFrames(spec: ToolSpec, model: string): SseFrame[] {
  const meta: AnthropicStreamSpec = { text: [], usage: { input: spec.usage.input, output: spec.usage.output }, stopReason: 'tool_use' };
  const out: SseFrame[] = [messageStartFrame(meta, model, 'msg_sim_tools'), PING];
  let index = 0;
  if (spec.thinking) {
    out.push(frame('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
    for (const t of pieces(spec.thinking, 12))
      out.push(frame('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: t } }));
    out.push(frame('content_block_delta', { index, delta: { type: 'signature_delta', signature: spec.signature ?? '' } }));
    out.push(frame('content_block_stop', { index }));
    index++;
  }
  if (spec.text) {
    out.push(frame('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    out.push(frame('content_block_delta', { index, delta: { type: 'text_delta', text: spec.text } }));
    out.push(frame('content_block_stop', { index }));
    index++;
  }
  let sent = 0;
  for (const c of spec.calls) {
    out.push(frame('content_block_start', { index, content_block: { type: 'tool_use', id: c.id, name: c.name, input: {} } }));
    for (const p of pieces(c.args, spec.argPiece)) {
      if (spec.failAfterFragments !== undefined && sent === spec.failAfterFragments) {
        out.push(errorFrame('overloaded_error', 'Overloaded'));
        return out;
      }
      out.push(frame('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: p } }));
      sent++;
    }
    out.push(frame('content_block_stop', { index }));
    index++;
  }
  out.push(
    frame('message_delta', { delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: spec.usage.output } }),
  );
  out.push(frame('message_stop'));
  return out;
}

function answerFrames(model: string): SseFrame[] {
  const meta: AnthropicStreamSpec = { text: TOOL_LOOP_ANSWER, usage: { input: 80, output: 9 }, stopReason: 'end_turn' };
  return [
    messageStartFrame(meta, model, 'msg_sim_answer'),
    frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    ...TOOL_LOOP_ANSWER.map((t) => frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: t } })),
    frame('content_block_stop', { index: 0 }),
    frame('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 9 } }),
    frame('message_stop'),
  ];
}

/** True when the request's last user turn carries a tool_result (the second step of a loop). */
export function answersTool(req: RecordedRequest): boolean {
  const msgs = (req.body as { messages?: { role: string; content: unknown }[] } | undefined)?.messages ?? [];
  const last = msgs[msgs.length - 1];
  return Array.isArray(last?.content) && last.content.some((b: { type?: string }) => b.type === 'tool_result');
}

/** The tool scenario a model name selects, or undefined. */
export function anthropicToolScenario(name: string, model: string, req: RecordedRequest): Scenario | undefined {
  if (name === 'tool-loop')
    return sseScenario(answersTool(req) ? answerFrames(model) : anthropicToolFrames(TOOL_SPECS['tool-thinking'], model));
  const spec = TOOL_SPECS[name];
  return spec ? sseScenario(anthropicToolFrames(spec, model), { chunkSize: spec.chunkBytes }) : undefined;
}
