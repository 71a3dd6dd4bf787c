// The Responses family against its simulator: text, reasoning, usage, endings and faults.
import * as assert from 'node:assert/strict';
import { RESP_ENCRYPTED } from '../../../sim/responses';
import { responsesRouter } from '../../../sim/responses';
import { SimServer } from '../../../sim/server';
import { RESP_KEY, runResponses } from './rig';

describe('responses: streamed answers', () => {
  let sim: SimServer;
  before(async () => (sim = await SimServer.start(responsesRouter())));
  after(() => sim.close());

  it('text: deltas, metadata, usage with cached and reasoning tokens, stop', async () => {
    const r = await runResponses(sim.url, 'text');
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.text, 'Hello from the simulator.');
    const meta = r.events.find((e) => e.type === 'response-metadata');
    assert.deepEqual(meta && { model: meta.modelId, id: meta.requestId }, { model: 'gpt-sim-5', id: 'req_sim_resp' });
    assert.deepEqual(r.usage, { inputTokens: 40, outputTokens: 18, cacheReadTokens: 8, cacheWriteTokens: 0, reasoningTokens: 6 });
    assert.equal(r.finish, 'stop');
    assert.equal(sim.requests.at(-1)?.path, '/v1/responses');
    assert.equal(sim.requests.at(-1)?.headers.authorization, `Bearer ${RESP_KEY}`);
  });

  it('reasoning: summary deltas, then the reasoning item kept whole with its encrypted content', async () => {
    const r = await runResponses(sim.url, 'reasoning');
    assert.equal(r.reasoning, 'Thinking about greetings.');
    assert.equal(r.reasoningParts.length, 1);
    const part = r.reasoningParts[0];
    assert.equal(part.family, 'responses');
    assert.equal(part.text, 'Thinking about greetings.');
    assert.equal((part.details?.[0] as { encrypted_content?: string }).encrypted_content, RESP_ENCRYPTED);
    const order = r.events.filter((e) => e.type === 'reasoning-part' || e.type === 'text-delta').map((e) => e.type);
    assert.equal(order[0], 'reasoning-part', 'reasoning comes before the text, as in the message');
  });

  it('a complete JSON response (not streamed) reads as the same answer', async () => {
    const r = await runResponses(sim.url, 'complete');
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.text, 'Hello from the simulator.');
    assert.equal(r.reasoningParts.length, 1);
    assert.equal(r.usage?.cacheReadTokens, 8);
    assert.equal(r.finish, 'stop');
  });

  it('response.incomplete ends with length or content_filter, with its usage', async () => {
    const len = await runResponses(sim.url, 'incomplete');
    assert.deepEqual([len.finish, len.events.at(-1)], ['length', { type: 'finish', reason: 'length', rawReason: 'max_output_tokens' }]);
    assert.equal(len.usage?.outputTokens, 18);
    assert.equal((await runResponses(sim.url, 'incomplete-filter')).finish, 'content_filter');
  });

  it('function calls: assembled from argument deltas, finish tool_calls', async () => {
    const r = await runResponses(sim.url, 'tool-split');
    assert.equal(r.error, undefined, r.error?.message);
    assert.deepEqual(
      r.calls.map((c) => [c.id, c.name, c.args]),
      [['call_split_1', 'get_weather', { city: 'Zürich 🌍 日本', days: 3, units: 'metric' }]],
    );
    assert.equal(r.text, 'Checking the weather.');
    assert.equal(r.finish, 'tool_calls');
    const par = await runResponses(sim.url, 'tool-parallel');
    assert.deepEqual(
      par.calls.map((c) => c.id),
      ['call_par_1', 'call_par_2'],
    );
    const empty = await runResponses(sim.url, 'tool-empty');
    assert.deepEqual(empty.calls[0].args, {});
    const bad = await runResponses(sim.url, 'tool-invalid');
    assert.equal(bad.invalid[0]?.rawArgs, '{"city": Lima');
  });

  describe('faults', () => {
    const cases: [string, string, boolean, RegExp?][] = [
      ['mid-stream-error', 'server', true, /error mid-stream: The server had an error mid-answer/],
      ['failed', 'server', true, /reported the response failed: The model failed to finish/],
      ['wrapped-error', 'overloaded', true, /Provider returned error/],
      ['failed-before-output', 'rate_limit', false],
      ['reset', 'network', true],
      ['no-terminator', 'protocol', true, /no response\.completed/],
      ['malformed', 'protocol', true],
      ['fault-401', 'auth', false],
      ['fault-context', 'context_length', false],
      ['fault-429', 'rate_limit', false],
      ['fault-503', 'overloaded', false],
      ['fault-502-html', 'server', false, /HTML error page/],
    ];
    for (const [scenario, category, started, message] of cases) {
      it(`${scenario}: ${category}${started ? ', after output' : ''}`, async () => {
        const r = await runResponses(sim.url, scenario);
        assert.equal(r.error?.category, category, r.error?.message);
        assert.equal(r.error?.outputStarted, started);
        assert.equal(r.finish, 'error');
        if (started) assert.ok(r.text.length > 0, 'the text before the failure is kept');
        if (message) assert.match(r.error?.message ?? '', message);
        assert.ok(!r.error?.message.includes(RESP_KEY), 'the key never appears');
      });
    }

    it('a failed response still charges the usage it reports', async () => {
      const r = await runResponses(sim.url, 'failed');
      assert.equal(r.usage?.outputTokens, 2);
    });

    it('a 429 carries its retry-after', async () => {
      const r = await runResponses(sim.url, 'fault-429');
      assert.equal(r.error?.retryAfterMs, 2000);
      assert.equal(r.error?.retryable, true);
    });
  });
});
