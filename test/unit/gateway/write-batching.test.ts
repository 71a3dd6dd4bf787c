// A streamed answer leaves in as few socket writes as its arrival allows: each write to a
// loopback socket is a syscall that also does the receiver's work, so under many concurrent
// streams every extra write costs every other stream time.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RouterEvent } from '../../../src/core/router/types';
import * as anthropic from '../../../src/gateway/anthropic/respond';
import * as openai from '../../../src/gateway/openai/respond';
import { RouteRun } from '../../../src/gateway/route-run';

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

/** Serves one answer and counts the writes that reach the socket. */
async function writesOf(respond: (res: http.ServerResponse, run: RouteRun) => Promise<void>): Promise<{ writes: number; body: string }> {
  let writes = 0;
  const server = http.createServer((_req, res) => {
    const socket = res.socket as unknown as { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void };
    const one = socket._write.bind(socket);
    const many = socket._writev.bind(socket);
    socket._write = (...a) => (writes++, one(...a));
    socket._writev = (...a) => (writes++, many(...a));
    void respond(res, new RouteRun(answer()));
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
  it('OpenAI: headers with the first deltas in one write, the closing frames and [DONE] in one more', async () => {
    const { writes, body } = await writesOf((res, run) =>
      openai.answerStream(res, run, { model: 'm', includeUsage: true, redact: (t) => t }),
    );
    assert.match(body, /"content":"Hello"[\s\S]*"finish_reason":"stop"[\s\S]*"usage":\{"prompt_tokens":3[\s\S]*data: \[DONE\]\n\n$/);
    assert.equal(writes, 2);
  });

  it('Anthropic: the same two writes', async () => {
    const { writes, body } = await writesOf((res, run) => anthropic.answerStream(res, run, { model: 'm', redact: (t) => t }));
    assert.match(body, /event: message_start[\s\S]*"text":"Hello"[\s\S]*event: message_stop/);
    assert.equal(writes, 2);
  });
});
