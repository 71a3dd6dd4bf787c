// Gemini tool-call streams: `functionCall` parts arrive whole and without ids; parallel calls
// are parts of one frame; the signature sits on the first functionCall part after the thought;
// finishReason is STOP; a failing spec ends with an in-band error frame after the thought.
import type { RecordedRequest, Scenario } from './server';
import { geminiStatus, geminiStream, SIM_GEMINI_MODEL_VERSION, SIM_GEMINI_RESPONSE_ID } from './gemini-wire';
import { TOOL_LOOP_ANSWER, TOOL_SPECS, type ToolSpec } from './tool-scenarios';

/** One raw GenerateContentResponse with the given parts. */
function response(parts: Record<string, unknown>[], extra: Record<string, unknown> = {}, finish?: string): Record<string, unknown> {
  return {
    candidates: [{ content: { parts, role: 'model' }, ...(finish ? { finishReason: finish } : {}), index: 0 }],
    modelVersion: SIM_GEMINI_MODEL_VERSION,
    responseId: SIM_GEMINI_RESPONSE_ID,
    ...extra,
  };
}

function usage(input: number, output: number, thoughts = 0): Record<string, unknown> {
  return {
    usageMetadata: {
      promptTokenCount: input,
      candidatesTokenCount: output,
      thoughtsTokenCount: thoughts,
      totalTokenCount: input + output + thoughts,
    },
  };
}

/** The frames of a tool-calling answer. Invalid argument text cannot happen on Gemini (args is an object). */
export function geminiToolFrames(spec: ToolSpec): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (spec.thinking) out.push(response([{ text: spec.thinking, thought: true }], usage(spec.usage.input, 0, 12)));
  if (spec.failAfterFragments !== undefined) {
    out.push(geminiStatus(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'));
    return out;
  }
  if (spec.text) out.push(response([{ text: spec.text }], usage(spec.usage.input, 3)));
  const calls = spec.calls.map((c, i) => ({
    functionCall: { name: c.name, args: c.args ? JSON.parse(c.args) : {} },
    ...(i === 0 && spec.signature ? { thoughtSignature: spec.signature } : {}),
  }));
  out.push(response(calls, usage(spec.usage.input, spec.usage.output, spec.thinking ? 12 : 0), 'STOP'));
  return out;
}

/** True when the last turn of a Gemini request carries a function result. */
export function answersTool(req: RecordedRequest): boolean {
  const contents = (req.body as { contents?: { parts?: Record<string, unknown>[] }[] } | undefined)?.contents ?? [];
  return (contents[contents.length - 1]?.parts ?? []).some((p) => 'functionResponse' in p);
}

/** The tool scenario a model id (`sim-<name>`) selects, or undefined. */
export function geminiToolScenario(model: string, req: RecordedRequest): Scenario | undefined {
  const name = model.replace(/^models\//, '').replace(/^sim-/, '');
  if (name === 'tool-loop') {
    if (!answersTool(req)) return geminiStream(geminiToolFrames(TOOL_SPECS['tool-thinking']));
    return geminiStream([response([{ text: TOOL_LOOP_ANSWER[0] }]), response([{ text: TOOL_LOOP_ANSWER[1] }], usage(80, 9), 'STOP')]);
  }
  const spec = name === 'tool-invalid' ? undefined : TOOL_SPECS[name];
  return spec ? geminiStream(geminiToolFrames(spec), { chunkSize: spec.chunkBytes }) : undefined;
}
