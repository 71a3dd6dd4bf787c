// Tool-call streams, described once for every family. Each family's writer (openai-tools.ts,
// anthropic-tools.ts, gemini-tools.ts) puts a spec on the wire in that family's real shape.
// Names (model `sim/<name>`, Gemini `sim-<name>`): tool-split, tool-parallel, tool-empty,
// tool-thinking, tool-error, tool-invalid, tool-loop (a call first, a final answer once the
// request carries a tool result).

/** One call; `args` is the JSON text as the model writes it ('' = no arguments). */
export interface SimCall {
  id: string;
  name: string;
  args: string;
}

/** A tool-calling answer. */
export interface ToolSpec {
  /** Reasoning before the call, with the signature that authenticates it. */
  thinking?: string;
  signature?: string;
  text?: string;
  calls: SimCall[];
  /** Code points of argument text per fragment (OpenAI and Anthropic stream arguments in pieces). */
  argPiece: number;
  /** Alternate the fragments of the calls (OpenAI `index`); Anthropic blocks are always sequential. */
  interleave?: boolean;
  /** Fail with a mid-stream error after this many argument fragments. */
  failAfterFragments?: number;
  usage: { input: number; output: number };
  /** Deliver the body in writes of this many bytes (splits UTF-8 characters and lines). */
  chunkBytes?: number;
}

const USAGE = { input: 41, output: 23 };

export const TOOL_SPECS: Readonly<Record<string, ToolSpec>> = {
  'tool-split': {
    text: 'Checking the weather.',
    calls: [{ id: 'call_split_1', name: 'get_weather', args: '{"city":"Zürich 🌍 日本","days":3,"units":"metric"}' }],
    argPiece: 2,
    chunkBytes: 5,
    usage: USAGE,
  },
  'tool-parallel': {
    calls: [
      { id: 'call_par_1', name: 'get_weather', args: '{"city":"Paris","days":1}' },
      { id: 'call_par_2', name: 'get_time', args: '{"tz":"Europe/Paris"}' },
    ],
    argPiece: 3,
    interleave: true,
    usage: USAGE,
  },
  'tool-empty': { calls: [{ id: 'call_empty_1', name: 'now', args: '' }], argPiece: 4, usage: USAGE },
  'tool-thinking': {
    thinking: 'The user asks about Oslo; I should call get_weather.',
    signature: 'EqQBCgIYAhIMsim-signature-01',
    calls: [{ id: 'call_think_1', name: 'get_weather', args: '{"city":"Oslo"}' }],
    argPiece: 4,
    usage: USAGE,
  },
  'tool-error': {
    calls: [{ id: 'call_err_1', name: 'get_weather', args: '{"city":"Lima","days":2}' }],
    argPiece: 3,
    failAfterFragments: 2,
    usage: USAGE,
  },
  'tool-invalid': { calls: [{ id: 'call_bad_1', name: 'get_weather', args: '{"city": Lima' }], argPiece: 4, usage: USAGE },
};

/** The final answer of the tool loop's second step. */
export const TOOL_LOOP_ANSWER = ['It is ', '18°C in Oslo.'];

/** Splits text into pieces of `n` code points (never inside a surrogate pair: JSON could not carry it). */
export function pieces(text: string, n: number): string[] {
  const cps = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < cps.length; i += n) out.push(cps.slice(i, i + n).join(''));
  return out;
}

/** The argument fragments of every call, in wire order: [callIndex, fragment]. */
export function fragmentOrder(spec: ToolSpec): [number, string][] {
  const lists = spec.calls.map((c) => pieces(c.args, spec.argPiece));
  const out: [number, string][] = [];
  if (!spec.interleave) {
    lists.forEach((l, i) => l.forEach((f) => out.push([i, f])));
    return out;
  }
  const longest = Math.max(...lists.map((l) => l.length));
  for (let k = 0; k < longest; k++) lists.forEach((l, i) => (k < l.length ? out.push([i, l[k]]) : undefined));
  return out;
}
