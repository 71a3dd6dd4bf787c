// OpenAI-compatible tool-call streams: `delta.tool_calls[]` fragments keyed by `index` (id, type
// and name on a call's first fragment only), OpenRouter `reasoning_details` with a signature,
// `finish_reason: "tool_calls"`, a final usage chunk, and OpenRouter's in-band mid-stream error.
import type { RecordedRequest, Scenario } from './server';
import { chunked, SSE_HEADERS } from './server';
import { chunk, deltaChoice, frames, midStreamErrorChunk, wireUsage, type ChunkHeader } from './openai-wire';
import { fragmentOrder, TOOL_LOOP_ANSWER, TOOL_SPECS, type ToolSpec } from './tool-scenarios';

const H: ChunkHeader = { id: 'gen-sim-tools-1', model: 'openai/gpt-sim', created: 1_760_000_000, provider: 'SimCloud' };

/** The chunk objects of a tool-calling answer (the error chunk included when the spec fails). */
export function openaiToolChunks(spec: ToolSpec): unknown[] {
  const out: unknown[] = [chunk(H, [deltaChoice({ role: 'assistant', content: '' })], { usage: null })];
  if (spec.thinking) {
    const detail = { type: 'reasoning.text', text: spec.thinking, format: 'anthropic-claude-v1', index: 0 };
    out.push(chunk(H, [deltaChoice({ content: '', reasoning: spec.thinking, reasoning_details: [detail] })], { usage: null }));
    out.push(
      chunk(
        H,
        [
          deltaChoice({
            content: '',
            reasoning: '',
            reasoning_details: [{ type: 'reasoning.text', text: '', signature: spec.signature, format: 'anthropic-claude-v1', index: 0 }],
          }),
        ],
        { usage: null },
      ),
    );
  }
  if (spec.text) out.push(chunk(H, [deltaChoice({ content: spec.text })], { usage: null }));
  const started = new Set<number>();
  let sent = 0;
  for (const [i, frag] of fragmentOrder(spec)) {
    if (spec.failAfterFragments !== undefined && sent === spec.failAfterFragments) {
      out.push(midStreamErrorChunk(H, 502, 'Upstream dropped the tool call', 'provider_overloaded'));
      return out;
    }
    out.push(chunk(H, [deltaChoice({ tool_calls: [fragment(spec, i, frag, !started.has(i))] })], { usage: null }));
    started.add(i);
    sent++;
  }
  // A call with no argument text still announces itself once, with empty arguments.
  spec.calls.forEach((_, i) => {
    if (!started.has(i)) out.push(chunk(H, [deltaChoice({ tool_calls: [fragment(spec, i, '', true)] })], { usage: null }));
  });
  out.push(chunk(H, [deltaChoice({}, 'tool_calls')], { usage: null }));
  out.push(chunk(H, [], { usage: wireUsage({ prompt: spec.usage.input, completion: spec.usage.output }) }));
  return out;
}

function fragment(spec: ToolSpec, i: number, args: string, first: boolean): Record<string, unknown> {
  const c = spec.calls[i];
  return first
    ? { index: i, id: c.id, type: 'function', function: { name: c.name, arguments: args } }
    : { index: i, function: { arguments: args } };
}

/** A tool-call spec as a scenario. */
export function openaiToolScenario(spec: ToolSpec): Scenario {
  const body = frames(openaiToolChunks(spec), { done: spec.failAfterFragments === undefined });
  const steps = spec.chunkBytes ? chunked(body, spec.chunkBytes) : [{ kind: 'write' as const, data: body }];
  return { status: 200, headers: { ...SSE_HEADERS, 'x-request-id': 'req_sim_tools' }, steps };
}

/** The final answer after a tool result. */
function answer(): Scenario {
  const objs = [
    chunk(H, [deltaChoice({ role: 'assistant', content: '' })], { usage: null }),
    ...TOOL_LOOP_ANSWER.map((t) => chunk(H, [deltaChoice({ content: t })], { usage: null })),
    chunk(H, [deltaChoice({}, 'stop')], { usage: null }),
    chunk(H, [], { usage: wireUsage({ prompt: 80, completion: 9 }) }),
  ];
  return { status: 200, headers: SSE_HEADERS, steps: [{ kind: 'write', data: frames(objs) }] };
}

/** Named tool scenarios for the OpenAI router. */
export function openaiToolScenarios(): Record<string, (req: RecordedRequest) => Scenario> {
  const table: Record<string, (req: RecordedRequest) => Scenario> = {};
  for (const [name, spec] of Object.entries(TOOL_SPECS)) table[name] = () => openaiToolScenario(spec);
  table['tool-loop'] = (req) => {
    const msgs = (req.body as { messages?: { role: string }[] } | undefined)?.messages ?? [];
    return msgs[msgs.length - 1]?.role === 'tool' ? answer() : openaiToolScenario(TOOL_SPECS['tool-thinking']);
  };
  return table;
}
