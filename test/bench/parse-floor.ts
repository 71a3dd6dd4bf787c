// The parse floor every family's CPU is compared with: what any client must do to read a
// stream at all. One undici request, the body split into SSE lines, JSON.parse of each `data:`
// line, nothing else. Decoded with StringDecoder (see floor.ts), the cheapest correct way. Reusable by any bench: give it the URL and body of a streaming request.
import { request, type Dispatcher } from 'undici';
import { Utf8Chunks } from '../../src/core/http/utf8-chunks';

/** Reads one streamed answer at the floor's cost; returns how many data lines it parsed. */
export async function parseFloor(url: string, body: string, headers: Record<string, string>, dispatcher?: Dispatcher): Promise<number> {
  const res = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, dispatcher });
  const decoder = new Utf8Chunks();
  let rest = '';
  let parsed = 0;
  for await (const chunk of res.body) {
    const lines = (rest + decoder.write(chunk as Uint8Array)).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('data: ') && line !== 'data: [DONE]') {
        JSON.parse(line.slice(6));
        parsed++;
      }
    }
  }
  return parsed;
}
