// The floor of a streaming client: the least any client must do to get tokens out of an SSE
// body (an undici read, UTF-8 decoding, splitting lines, JSON.parse of each `data:` line).
// Every stream family's bench sets its adapter and its official SDK against this, on the same bytes.
// It decodes with StringDecoder, the cheapest correct streaming UTF-8 decoder in Node (as our
// adapters do): TextDecoder's streaming mode takes a slow path and would flatter every client.
import { performance } from 'node:perf_hooks';
import { request, type Dispatcher } from 'undici';
import { Utf8Chunks } from '../../src/core/http/utf8-chunks';

/** One streaming POST, as the family's own client would send it. */
export interface FloorRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What one read of a stream gave: time to the first token, and how many tokens. */
export interface StreamRun {
  ttftMs: number;
  tokens: number;
}

/**
 * Reads one SSE stream at the floor. `build` makes the request (timed, as our adapter's and the
 * SDK's request building are); `tokenOf` picks the text out of one parsed payload (the family's
 * one field access); `[DONE]` lines are skipped, not parsed.
 */
export async function floorStream(
  dispatcher: Dispatcher,
  build: () => FloorRequest,
  tokenOf: (payload: unknown) => string | undefined,
): Promise<StreamRun> {
  const t0 = performance.now();
  const req = build();
  const res = await request(req.url, { method: 'POST', headers: req.headers, body: req.body, dispatcher });
  if (res.statusCode !== 200) throw new Error(`floor read got HTTP ${res.statusCode}`);
  const decoder = new Utf8Chunks();
  let ttftMs = -1;
  let tokens = 0;
  let rest = '';
  const onLine = (line: string) => {
    if (!line.startsWith('data:')) return;
    const data = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
    if (data === '[DONE]') return;
    if (tokenOf(JSON.parse(data))) {
      if (ttftMs < 0) ttftMs = performance.now() - t0;
      tokens++;
    }
  };
  for await (const chunk of res.body) {
    const text = rest + decoder.write(chunk as Buffer);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      onLine(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest) onLine(rest);
  return { ttftMs, tokens };
}
