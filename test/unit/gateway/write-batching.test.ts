// A streamed answer leaves in as few socket writes as its arrival allows: each write to a
// loopback socket is a syscall that also does the receiver's work, so under many concurrent
// streams every extra write costs every other stream time.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { RouterEvent } from '../../../src/core/router/types';
import * as anthropic from '../../../src/gateway/anthropic/respond';
import * as openai from '../../../src/gateway/openai/respond';
import { RouteRun } from '../../../src/gateway/route-run';
import { SIM_PIECES, textStream, type NamedScenario } from '../../sim/openai';
import { startHarness, TOKEN, type Harness } from './harness';

const usage = { inputTokens: 3, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };

/** Three deltas in one upstream read, then (a tick later) the end of the answer. */
async function* answer(): AsyncGenerator<RouterEvent> {
  yield { type: 'response-metadata', provider: 'openai' } as RouterEvent;
  for (const text of ['Hello', ' there', '.']) yield { type: 'text-delta', text };
  await new Promise((r) => setImmediate(r));
  yield { type: 'usage', usage };
  yield { type: 'finish', reason: 'stop' };
  yield { type: 'route-report', report: { attempts: [], strategy: 'balanced' } };
}

/**
 * The whole answer in one upstream read, as a short answer or a fast host gives it. The route's
 * end (where the ledger is written) notes how many writes had reached the socket by then.
 */
function wholeInOneRead(seen: { writesAtEnd?: number }, writes: () => number) {
  return async function* (): AsyncGenerator<RouterEvent> {
    yield { type: 'response-metadata', provider: 'openai' } as RouterEvent;
    for (const text of ['Hello', ' there', '.']) yield { type: 'text-delta', text };
    yield { type: 'usage', usage };
    yield { type: 'finish', reason: 'stop' };
    seen.writesAtEnd = writes();
    yield { type: 'route-report', report: { attempts: [], strategy: 'balanced' } };
  };
}

/** Serves one answer and counts the writes that reach the socket. */
async function writesOf(
  respond: (res: http.ServerResponse, run: RouteRun) => Promise<void>,
  events: (writes: () => number) => () => AsyncIterable<RouterEvent> = () => answer,
): Promise<{ writes: number; body: string }> {
  let writes = 0;
  const source = events(() => writes);
  const server = http.createServer((_req, res) => {
    const socket = res.socket as unknown as { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void };
    const one = socket._write.bind(socket);
    const many = socket._writev.bind(socket);
    socket._write = (...a) => (writes++, one(...a));
    socket._writev = (...a) => (writes++, many(...a));
    void respond(res, new RouteRun(source()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve(text));
        })
        .on('error', reject);
    });
    return { writes, body };
  } finally {
    server.close();
  }
}

describe('Gateway: streamed answers in few socket writes', () => {
  // The first delta leaves as soon as it is known: the rest of its read waits one turn of the
  // event loop, so a client gets its first token in the time the gateway needs for one delta.
  it('OpenAI: headers with the first delta in one write, the rest of that read in one more, the closing frames and [DONE] in a third', async () => {
    const { writes, body } = await writesOf((res, run) =>
      openai.answerStream(res, run, { model: 'm', includeUsage: true, redact: (t) => t }),
    );
    assert.match(body, /"content":"Hello"[\s\S]*"finish_reason":"stop"[\s\S]*"usage":\{"prompt_tokens":3[\s\S]*data: \[DONE\]\n\n$/);
    assert.equal(writes, 3);
  });

  it('Anthropic: the same three writes', async () => {
    const { writes, body } = await writesOf((res, run) => anthropic.answerStream(res, run, { model: 'm', redact: (t) => t }));
    assert.match(body, /event: message_start[\s\S]*"text":"Hello"[\s\S]*event: message_stop/);
    assert.equal(writes, 3);
  });

  for (const [family, respond] of [
    ['OpenAI', (res, run) => openai.answerStream(res, run, { model: 'm', includeUsage: true, redact: (t) => t })],
    ['Anthropic', (res, run) => anthropic.answerStream(res, run, { model: 'm', redact: (t) => t })],
  ] as const satisfies readonly (readonly [string, (res: http.ServerResponse, run: RouteRun) => Promise<void>])[]) {
    it(`${family}: a whole answer in one read sends its first delta before the route ends, then the rest in one write`, async () => {
      const seen: { writesAtEnd?: number } = {};
      const { writes, body } = await writesOf(respond, (w) => wholeInOneRead(seen, w));
      assert.match(body, /Hello[\s\S]* there/);
      assert.equal(seen.writesAtEnd, 1, 'the first delta was on the socket before the route ended');
      assert.equal(writes, 2);
    });
  }
});

describe('Gateway: socket writes of a streamed answer, through the engine', function () {
  this.timeout(20_000);
  let h: Harness;
  before(async () => {
    // The whole answer in one upstream write, so it reaches the gateway in one read.
    const oneWrite: NamedScenario = () =>
      textStream({ pieces: SIM_PIECES, model: 'sim/one-write', usage: 'final-chunk', chunkBytes: 1 << 20 });
    h = await startHarness({ openaiScenarios: { 'one-write': oneWrite } });
  });
  after(() => h.close());

  /** Streams one answer and counts the writes on the gateway's side of the client's connection. */
  async function gatewayWrites(path: string, body: object): Promise<{ writes: number; text: string }> {
    const proto = net.Socket.prototype as unknown as Record<'_write' | '_writev', (this: net.Socket, ...a: unknown[]) => void>;
    const saved = { _write: proto._write, _writev: proto._writev };
    const port = h.gateway.port;
    let writes = 0;
    for (const k of ['_write', '_writev'] as const)
      proto[k] = function (this: net.Socket, ...a: unknown[]) {
        if (this.localPort === port) writes++;
        return saved[k].apply(this, a);
      };
    try {
      const res = await fetch(`${h.gateway.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { writes, text };
    } finally {
      Object.assign(proto, saved);
    }
  }

  // The first delta leaves alone (time to first token); the rest of the read and the closing
  // frames, which the same read already holds, leave together.
  it('Chat Completions: two writes for an answer that came in one read', async () => {
    const messages = [{ role: 'user', content: 'hi' }];
    const model = 'openai:sim/one-write';
    await gatewayWrites('/v1/chat/completions', { model, messages, stream: true }); // a pooled connection upstream
    const { writes, text } = await gatewayWrites('/v1/chat/completions', {
      model,
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    assert.match(text, /"content":"Hello"[\s\S]*"content":"\."[\s\S]*"usage":\{"prompt_tokens"[\s\S]*data: \[DONE\]\n\n$/);
    assert.equal(writes, 2);
  });

  it('Messages: two writes for an answer that came in one read', async () => {
    const body = { model: 'openai:sim/one-write', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], stream: true };
    await gatewayWrites('/v1/messages', body);
    const { writes, text } = await gatewayWrites('/v1/messages', body);
    assert.match(text, /event: message_start[\s\S]*"text":"Hello"[\s\S]*event: message_stop/);
    assert.equal(writes, 2);
  });
});
