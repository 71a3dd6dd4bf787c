// The Gemini adapter and model listing over bodies held in memory: the request each sends, what
// a complete (non-streamed) answer reads as, and the errors each ends with, key redacted.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../../src/core/errors';
import type { HttpRequest, HttpTransport } from '../../../../src/core/http/client';
import { geminiAdapter } from '../../../../src/core/providers/gemini/adapter';
import { GEMINI_PRESET } from '../../../../src/core/providers/gemini/preset';
import type { StreamEvent } from '../../../../src/core/types';
import { WEATHER } from '../tool-fixtures';

/** A key no vendor pattern matches, so only the adapter's own redaction can hide it. */
const KEY = 'plain-secret-4f9e2b7c';

/** Answers each call with the next canned status and body, recording the requests. */
function canned(answers: { status?: number; body: string; type?: string }[]): HttpTransport & { seen: HttpRequest[] } {
  const seen: HttpRequest[] = [];
  return {
    seen,
    send: async (r) => {
      const a = answers[Math.min(seen.length, answers.length - 1)];
      seen.push(r);
      const bytes = Buffer.from(a.body);
      return {
        status: a.status ?? 200,
        headers: { 'content-type': a.type ?? 'application/json' },
        body: (async function* () {
          yield bytes;
        })(),
        text: async () => a.body,
        dump: async () => undefined,
      };
    },
  };
}

const ctx = (http: HttpTransport, descriptor = GEMINI_PRESET) => ({ descriptor, http, apiKey: KEY });
async function drain(s: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const e of s) out.push(e);
  return out;
}
const listError = (http: HttpTransport) =>
  geminiAdapter.listModels(ctx(http)).then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e as ProviderError,
  );

describe('gemini adapter over canned bodies', () => {
  it('reads a complete JSON answer as the stream it amounts to, with no warnings', async () => {
    const answer = {
      candidates: [{ content: { parts: [{ text: 'Whole' }] }, finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 2 },
    };
    const events = await drain(geminiAdapter.streamChat(ctx(canned([{ body: JSON.stringify(answer) }])), { model: 'm', messages: [] }));
    assert.deepEqual(
      events.map((e) => e.type),
      ['response-metadata', 'text-delta', 'usage', 'finish'],
    );
    assert.deepEqual(events[1], { type: 'text-delta', text: 'Whole' });
  });

  it('redacts the key from an error Google reports inside the stream', async () => {
    const body = `data: ${JSON.stringify({ error: { code: 403, status: 'PERMISSION_DENIED', message: `Consumer ${KEY} has no access` } })}\n\n`;
    const events = await drain(geminiAdapter.streamChat(ctx(canned([{ body, type: 'text/event-stream' }])), { model: 'm', messages: [] }));
    const err = events.find((e) => e.type === 'error');
    assert.ok(err?.type === 'error');
    assert.equal(err.error.category, 'permission');
    assert.ok(!err.error.message.includes(KEY), err.error.message);
  });

  it('a request the host cannot serve fails as a stream, before any call', async () => {
    const http = canned([{ body: '{}' }]);
    const noTools = { ...GEMINI_PRESET, capabilities: { ...GEMINI_PRESET.capabilities, tools: false } };
    const events = await drain(geminiAdapter.streamChat(ctx(http, noTools), { model: 'm', messages: [], tools: [WEATHER] }));
    assert.deepEqual(
      events.map((e) => (e.type === 'error' ? e.error.category : e.type)),
      ['bad_request', 'finish'],
    );
    assert.equal(http.seen.length, 0);
  });
});

describe('gemini listModels over canned bodies', () => {
  it('sends a GET for JSON without a page token first, then with the one it was given', async () => {
    const http = canned([
      {
        body: JSON.stringify({
          models: [{ name: 'tunedModels/models/x', supportedGenerationMethods: ['generateContent'] }],
          nextPageToken: 'p2',
        }),
      },
      { body: JSON.stringify({ models: [{ name: 'models/embed', supportedGenerationMethods: ['embedContent'] }, { name: 'models/y' }] }) },
    ]);
    assert.deepEqual(await geminiAdapter.listModels(ctx(http)), [
      { id: 'tunedModels/models/x', displayName: 'tunedModels/models/x', contextWindow: undefined, maxOutputTokens: undefined },
    ]);
    assert.deepEqual(
      http.seen.map((r) => [r.method, r.url, r.headers.accept]),
      [
        ['GET', 'https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000', 'application/json'],
        ['GET', 'https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000&pageToken=p2', 'application/json'],
      ],
    );
  });

  it('a 3xx answer is an error, with the key redacted', async () => {
    const e = await listError(canned([{ status: 300, body: JSON.stringify({ error: { code: 300, message: `moved for ${KEY}` } }) }]));
    assert.ok(e instanceof ProviderError);
    assert.equal(e.status, 300);
    assert.ok(!e.message.includes(KEY), e.message);
  });

  it('a list that is not JSON, or in another shape, is a retryable protocol error saying which', async () => {
    const notJson = await listError(canned([{ body: '<html>' }]));
    assert.deepEqual(
      [notJson.category, notJson.retryable, notJson.message],
      ['protocol', true, 'Google Gemini returned a model list that is not JSON.'],
    );
    const shape = await listError(canned([{ body: '{"models":7}' }]));
    assert.deepEqual(
      [shape.category, shape.retryable, shape.message],
      ['protocol', true, 'Google Gemini returned a model list in an unexpected shape.'],
    );
  });
});
