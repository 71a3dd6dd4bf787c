// Hosts that script one tool loop for a real client: the first answer calls one of the client's
// own tools, and once the request carries the tool's result, the answer is plain text. Written
// with the simulators' own wire builders, so the bytes are each family's real shape.
import { anthropicRouter, frame, messageStartFrame, sseScenario, type AnthropicStreamSpec } from '../../sim/anthropic';
import { anthropicToolFrames, answersTool as anthropicAnswersTool } from '../../sim/anthropic-tools';
import { geminiRouter, geminiStream } from '../../sim/gemini';
import { answersTool as geminiAnswersTool, geminiToolFrames } from '../../sim/gemini-tools';
import type { Router } from '../../sim/server';
import type { ToolSpec } from '../../sim/tool-scenarios';

/** The model name that selects the scripted loop (any other model gets the simulator's default). */
export const SCRIPTED_MODEL = 'sim-client-tool';

/** One tool call the host asks for, then the text it answers with. */
export interface ToolScript {
  tool: string;
  args: Record<string, unknown>;
  answer: string;
}

function callSpec(s: ToolScript): ToolSpec {
  return {
    calls: [{ id: 'toolu_sim_client_1', name: s.tool, args: JSON.stringify(s.args) }],
    argPiece: 8,
    usage: { input: 120, output: 20 },
  };
}

/** The Gemini API, with `models/sim-client-tool` playing the script. */
export function scriptedGemini(s: ToolScript): Router {
  return geminiRouter({
    pick: (model, req) => {
      if (model !== SCRIPTED_MODEL) return undefined;
      if (!geminiAnswersTool(req)) return geminiStream(geminiToolFrames(callSpec(s)));
      return geminiStream([{ parts: [{ text: s.answer }], finishReason: 'STOP', usage: { prompt: 160, candidates: 12 } }]);
    },
  });
}

/** The Anthropic Messages API, with model `sim-client-tool` playing the script. */
export function scriptedAnthropic(s: ToolScript): Router {
  const fallback = anthropicRouter();
  return (req) => {
    const model = (req.body as { model?: unknown } | undefined)?.model;
    if (req.method !== 'POST' || model !== SCRIPTED_MODEL) return fallback(req);
    if (!anthropicAnswersTool(req)) return sseScenario(anthropicToolFrames(callSpec(s), SCRIPTED_MODEL));
    const meta: AnthropicStreamSpec = { text: [s.answer], usage: { input: 160, output: 12 }, stopReason: 'end_turn' };
    return sseScenario([
      messageStartFrame(meta, SCRIPTED_MODEL, 'msg_sim_client_answer'),
      frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: s.answer } }),
      frame('content_block_stop', { index: 0 }),
      frame('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 12 } }),
      frame('message_stop'),
    ]);
  };
}
