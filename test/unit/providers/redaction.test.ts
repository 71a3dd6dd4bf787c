// A key echoed by an upstream must not survive into any ProviderError, not even in part: every
// place that quotes upstream text cuts it short, and the cut must come after the redaction.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../../src/core/http/client';
import { anthropicAdapter } from '../../../src/core/providers/anthropic/adapter';
import { ANTHROPIC_PRESET } from '../../../src/core/providers/anthropic/preset';
import type { ProtocolAdapter, ProviderDescriptor } from '../../../src/core/providers/descriptor';
import { geminiAdapter } from '../../../src/core/providers/gemini/adapter';
import { GEMINI_PRESET } from '../../../src/core/providers/gemini/preset';
import { openaiAdapter } from '../../../src/core/providers/openai/adapter';
import { MISTRAL } from '../../../src/core/providers/openai/presets';
import { runAttempt, type AttemptOutcome } from '../../../src/core/router/attempt-runner';
import type { StreamEvent } from '../../../src/core/types';
import { assertNoKeyFragment } from '../core/key-fragment';

// No vendor prefix (Mistral's keys have none), so only the known-key match can catch it.
const KEY = 'plainSENTINELkey0123456789abcdefghijKLMNOP';

/** A transport that answers every request with one canned response. */
function canned(status: number, body: string, headers: Record<string, string> = {}): HttpTransport {
  return {
    async send(_req: HttpRequest): Promise<HttpResponse> {
      const bytes = new TextEncoder().encode(body);
      return {
        status,
        headers,
        body: (async function* () {
          yield bytes;
        })(),
        text: async () => body,
        dump: async () => undefined,
      };
    },
  };
}

const sse = (frames: string[]) => frames.map((f) => `data: ${f}\n\n`).join('');

/** Filler that puts the key at character `n`, so a cut a little further on lands inside it. */
const pad = (n: number) => 'x'.repeat(n);

async function streamError(adapter: ProtocolAdapter, d: ProviderDescriptor, http: HttpTransport): Promise<ProviderError> {
  let error: ProviderError | undefined;
  for await (const e of adapter.streamChat(
    { descriptor: d, http, apiKey: KEY },
    { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
  )) {
    if (e.type === 'error') error = e.error;
  }
  assert.ok(error, 'an error event');
  return error;
}

describe('redaction before truncation', () => {
  describe('HTTP error bodies', () => {
    it('a 401 message cut at 400 inside the key leaves no fragment (OpenAI family)', async () => {
      const body = JSON.stringify({ error: { message: `${pad(375)}${KEY} is not a valid key.`, code: 'invalid_api_key' } });
      const err = await streamError(openaiAdapter, MISTRAL, canned(401, body, { 'content-type': 'application/json' }));
      assert.equal(err.category, 'auth');
      assertNoKeyFragment(err.message, KEY);
      assert.match(err.message, /\[redacted\]/);
    });

    it('an unparsable body cut at 200 inside the key leaves no fragment', async () => {
      const err = await streamError(openaiAdapter, MISTRAL, canned(500, `${pad(185)}${KEY} oops`));
      assert.equal(err.category, 'server');
      assertNoKeyFragment(err.message, KEY);
    });

    it('an Anthropic error message cut at 400 inside the key leaves no fragment', async () => {
      const body = JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `${pad(380)}${KEY}` } });
      const err = await streamError(anthropicAdapter, ANTHROPIC_PRESET, canned(401, body));
      assert.equal(err.category, 'auth');
      assertNoKeyFragment(err.message, KEY);
    });

    it('a Gemini error message cut at 400 inside the key leaves no fragment', async () => {
      const body = JSON.stringify({ error: { code: 403, status: 'PERMISSION_DENIED', message: `${pad(390)}${KEY}` } });
      const err = await streamError(geminiAdapter, GEMINI_PRESET, canned(403, body));
      assertNoKeyFragment(err.message, KEY);
    });
  });

  describe('mid-stream', () => {
    const hello = JSON.stringify({ id: 'c1', model: 'm', choices: [{ index: 0, delta: { content: 'hi' } }] });

    it('an in-band error cut at 400 inside the key leaves no fragment', async () => {
      const errFrame = JSON.stringify({ error: { message: `${pad(385)}${KEY} rejected`, code: 'server_error' } });
      const err = await streamError(openaiAdapter, MISTRAL, canned(200, sse([hello, errFrame])));
      assertNoKeyFragment(err.message, KEY);
    });

    for (const [where, at] of [
      ['quoted whole', 10],
      ['cut at 120 inside it', 95],
    ] as const) {
      it(`a malformed OpenAI chunk with the key ${where} is redacted`, async () => {
        const err = await streamError(openaiAdapter, MISTRAL, canned(200, sse([hello, `{"oops": "${pad(at)}${KEY}`])));
        assert.equal(err.category, 'protocol');
        assert.equal(err.outputStarted, true);
        assertNoKeyFragment(err.message, KEY);
      });

      it(`a malformed Gemini chunk with the key ${where} is redacted`, async () => {
        const err = await streamError(geminiAdapter, GEMINI_PRESET, canned(200, sse([`{"oops": "${pad(at)}${KEY}`])));
        assert.equal(err.category, 'protocol');
        assertNoKeyFragment(err.message, KEY);
      });

      it(`an Anthropic chunk that is not an object, with the key ${where}, is redacted`, async () => {
        const err = await streamError(anthropicAdapter, ANTHROPIC_PRESET, canned(200, sse([JSON.stringify(`${pad(at)}${KEY}`)])));
        assert.equal(err.category, 'protocol');
        assertNoKeyFragment(err.message, KEY);
      });

      it(`a malformed Anthropic chunk with the key ${where} is redacted`, async () => {
        const err = await streamError(anthropicAdapter, ANTHROPIC_PRESET, canned(200, sse([`{"type": "${pad(at)}${KEY}`])));
        assertNoKeyFragment(err.message, KEY);
      });
    }
  });

  describe('model listing', () => {
    it('a non-JSON listing cut at 120 inside the key leaves no fragment', async () => {
      const listing = openaiAdapter.listModels({ descriptor: MISTRAL, http: canned(200, `${pad(110)}${KEY} <html>`), apiKey: KEY });
      await assert.rejects(listing, (e: ProviderError) => {
        assert.equal(e.category, 'protocol');
        assertNoKeyFragment(e.message, KEY);
        return true;
      });
    });
  });

  describe('router', () => {
    it('scrubs the key from an error an adapter forgot to redact', async () => {
      const leaky: ProtocolAdapter = {
        family: 'openai',
        async *streamChat(): AsyncIterable<StreamEvent> {
          yield { type: 'error', error: new ProviderError({ category: 'server', provider: 'mistral', message: `upstream said ${KEY}` }) };
          yield { type: 'finish', reason: 'error' };
        },
        listModels: async () => [],
      };
      const endpoint = {
        canonicalModel: 'acme/m',
        provider: 'mistral',
        modelId: 'm',
        capabilities: { images: false, reasoning: false, tools: false },
        source: 'bundled' as const,
      };
      const gen = runAttempt({
        planned: { endpoint, descriptor: MISTRAL, key: 'mistral:m', requested: 'acme/m' },
        adapter: leaky,
        http: canned(500, ''),
        apiKey: KEY,
        request: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
        clock: { now: () => 0 },
        retry: 0,
        fallback: false,
      });
      let r = await gen.next();
      while (!r.done) r = await gen.next();
      const out: AttemptOutcome = r.value;
      assert.ok(out.error);
      assertNoKeyFragment(out.error.message, KEY);
      assertNoKeyFragment(out.report.reason ?? '', KEY);
    });
  });
});
