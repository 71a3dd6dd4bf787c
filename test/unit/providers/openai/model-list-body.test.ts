// What the model picker shows from a host's `GET /models`: which field gives the context window
// and the output limit when several are present, which entries are not chat models, and what a
// broken listing turns into.
import * as assert from 'node:assert/strict';
import { HttpClient } from '../../../../src/core/http/client';
import { listOpenAIModels, normalizeModelList } from '../../../../src/core/providers/openai/list-models';
import { SimServer, type Scenario } from '../../../sim/server';
import { simDescriptor } from './helpers';

const one = (entry: Record<string, unknown>) => normalizeModelList({ data: [{ id: 'm', ...entry }] }, 'p')[0];

describe('openai model lists', () => {
  it('the context window: context_length, then context_window, max_model_len, max_context_length, top_provider', () => {
    const all = { context_length: 1, context_window: 2, max_model_len: 3, max_context_length: 4, top_provider: { context_length: 5 } };
    assert.equal(one(all)?.contextWindow, 1);
    assert.equal(one({ ...all, context_length: undefined })?.contextWindow, 2);
    assert.equal(one({ max_model_len: 3, max_context_length: 4, top_provider: { context_length: 5 } })?.contextWindow, 3);
    assert.equal(one({ max_context_length: 4, top_provider: { context_length: 5 } })?.contextWindow, 4);
    assert.equal(one({ top_provider: { context_length: 5 } })?.contextWindow, 5);
  });

  it('the output limit: top_provider first (what OpenRouter will serve), then max_completion_tokens', () => {
    assert.equal(one({ max_completion_tokens: 100, top_provider: { max_completion_tokens: 50 } })?.maxOutputTokens, 50);
    assert.equal(one({ max_completion_tokens: 100, top_provider: {} })?.maxOutputTokens, 100);
  });

  it('zero, negative or mistyped limits and names are dropped, not the model', () => {
    assert.deepEqual(one({ context_length: 0, max_completion_tokens: -5, name: 7, top_provider: 'x' }), {
      id: 'm',
      displayName: 'm',
      contextWindow: undefined,
      maxOutputTokens: undefined,
    });
    assert.equal(one({ name: null, display_name: 'Shown' })?.displayName, 'Shown');
  });

  it('non-chat models are left out; chat, language and code models stay', () => {
    const types = ['image', 'embedding', 'moderation', 'rerank', 'audio', 'transcribe', 'tts', 'chat', 'language', 'code'];
    const list = normalizeModelList(
      types.map((type) => ({ id: type, type })),
      'p',
    );
    assert.deepEqual(
      list.map((m) => m.id),
      ['chat', 'language', 'code'],
    );
  });

  describe('over HTTP', () => {
    let sim: SimServer;
    let body: Scenario;
    const http = new HttpClient();
    before(async () => (sim = await SimServer.start(() => body)));
    after(async () => {
      await http.close();
      await sim.close();
    });
    const list = (key?: string) =>
      listOpenAIModels({ descriptor: { ...simDescriptor(`${sim.url}/v1`), extraHeaders: { 'x-team': 't' } }, http, apiKey: key });

    it('asks for JSON with the host’s own headers, and no auth without a key', async () => {
      body = { status: 200, headers: { 'content-type': 'application/json' }, steps: [{ kind: 'write', data: '{"data":[{"id":"a"}]}' }] };
      assert.deepEqual(await list(), [{ id: 'a', displayName: 'a', contextWindow: undefined, maxOutputTokens: undefined }]);
      const req = sim.requests.at(-1);
      assert.equal(req?.method, 'GET');
      assert.equal(req?.headers.accept, 'application/json');
      assert.equal(req?.headers['x-team'], 't');
      assert.equal(req?.headers.authorization, undefined);
    });

    it('a listing that is not JSON is a retryable protocol error quoting it without the key', async () => {
      const key = 'sk-list-secret-0123456789abcdef';
      body = { status: 200, headers: { 'content-type': 'text/html' }, steps: [{ kind: 'write', data: `<html>oops ${key}</html>` }] };
      await assert.rejects(list(key), (e: Error & { category?: string; retryable?: boolean }) => {
        assert.equal(e.category, 'protocol');
        assert.equal(e.retryable, true);
        assert.match(e.message, /^Sim returned a model list that is not JSON: <html>oops /);
        assert.ok(!e.message.includes(key));
        return true;
      });
    });

    it('a JSON listing in another shape is a protocol error', async () => {
      body = { status: 200, headers: { 'content-type': 'application/json' }, steps: [{ kind: 'write', data: '{"models":[]}' }] };
      await assert.rejects(list(), (e: Error & { category?: string }) => e.category === 'protocol');
    });

    it('a body cut mid-read is a network error, not an empty list', async () => {
      body = { status: 200, headers: { 'content-length': '1000' }, steps: [{ kind: 'write', data: '{"data":[' }, { kind: 'reset' }] };
      await assert.rejects(
        list(),
        (e: Error & { category?: string; outputStarted?: boolean }) => e.category === 'network' && e.outputStarted === false,
      );
    });

    it('a 3xx is refused as a response, not read as a listing', async () => {
      body = { status: 300, steps: [{ kind: 'write', data: 'see other' }] };
      await assert.rejects(list(), (e: Error & { status?: number }) => e.status === 300 && !/not JSON/.test(e.message));
    });
  });
});
