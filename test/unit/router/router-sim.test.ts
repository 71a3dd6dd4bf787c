// Router behaviours end to end over loopback: refused connections, breakers that make no
// connection, key rejection, headroom from real headers, continue across protocols, compare.
import * as assert from 'node:assert/strict';
import { interleave } from '../../../src/core/router/compare';
import { SIM_PIECES, textStream } from '../../sim/openai';
import { refusedUrl } from '../../sim/server';
import { drain } from './setup';
import { ep, SimFleet } from './sim-rig';

const M = 'test/model';
const ask = { models: [M], messages: [{ role: 'user' as const, content: 'hi' }], preferences: { sort: 'price' as const } };

describe('Router over the simulators', function () {
  this.timeout(10_000);
  let fleet: SimFleet;
  before(async () => {
    fleet = await SimFleet.start();
  });
  after(async () => {
    await fleet.close();
  });

  it('falls back from a host that refuses connections, and records a network failure', async () => {
    const dead = fleet.provider('openai', 'dead', `${await refusedUrl()}/v1`);
    const up = fleet.provider('anthropic', 'up');
    const { router, health } = fleet.router([dead, up], [ep('dead', 'x', M), ep('up', 'sim/ok', M)]);
    const out = await drain(router.route(ask));
    assert.deepEqual(
      out.real.map((a) => [a.endpoint.provider, a.outcome, a.errorCategory]),
      [
        ['dead', 'failed', 'network'],
        ['up', 'success', undefined],
      ],
    );
    assert.ok(out.text.length > 0);
    assert.equal(health.endpoint('dead:x')?.lastError?.category, 'network');
  });

  it('an open breaker sends nothing to the dead endpoint', async () => {
    const sim = fleet.servers.gemini;
    const bad = fleet.provider('gemini', 'bad');
    const good = fleet.provider('gemini', 'good');
    const { router, health } = fleet.router([bad, good], [ep('bad', 'sim-fault-503', M), ep('good', 'sim-hello', M)]);
    const hits = () => sim.requests.filter((r) => r.path.includes('sim-fault-503')).length;
    const before = hits();
    for (let i = 0; i < 3; i++) await drain(router.route(ask));
    assert.equal(hits() - before, 3);
    assert.equal(health.breakerState('bad:sim-fault-503'), 'open');
    const out = await drain(router.route(ask));
    assert.equal(hits() - before, 3, 'no request while open');
    assert.equal(out.report.attempts[0].outcome, 'skipped');
    assert.equal(out.report.servedBy?.provider, 'good');
    assert.equal(health.snapshot().providers.find((p) => p.provider === 'bad')?.state, 'down');
  });

  it('a rejected key (Gemini 400 API_KEY_INVALID) skips the provider until the key changes', async () => {
    const g = fleet.provider('gemini', 'g');
    const o = fleet.provider('openai', 'o');
    const { router } = fleet.router([g, o], [ep('g', 'sim-fault-bad-key', M), ep('o', 'sim/text', M)]);
    const first = await drain(router.route(ask));
    assert.equal(first.error?.category, 'auth');
    assert.equal(first.real.length, 1);
    const second = await drain(router.route(ask));
    assert.equal(second.report.servedBy?.provider, 'o');
    assert.match(second.report.attempts[0].reason ?? '', /rejected/);
    router.keyChanged('g');
    const third = await drain(router.route(ask));
    assert.equal(third.real[0].endpoint.provider, 'g');
  });

  it('moves a host with low headroom (from x-ratelimit-* headers) down before it returns a 429', async () => {
    const { SimServer } = await import('../../sim/server');
    const { openaiRouter } = await import('../../sim/openai');
    const tight = await SimServer.start(
      openaiRouter({
        scenarios: {
          tight: () =>
            textStream({
              pieces: SIM_PIECES,
              headers: { 'x-ratelimit-limit-requests': '100', 'x-ratelimit-remaining-requests': '2', 'x-ratelimit-reset-requests': '20s' },
            }),
        },
      }),
    );
    try {
      const a = fleet.provider('openai', 'a', `${tight.url}/v1`);
      const b = fleet.provider('openai', 'b');
      const { router, health, clock } = fleet.router(
        [a, b],
        [
          ep('a', 'sim/tight', M, { price: { inputPerMTok: 0.1, outputPerMTok: 0.1 } }),
          ep('b', 'sim/text', M, { price: { inputPerMTok: 1, outputPerMTok: 1 } }),
        ],
      );
      assert.equal((await drain(router.route(ask))).report.servedBy?.provider, 'a');
      assert.equal(health.endpoint('a:sim/tight')?.headroom, 0.02);
      assert.equal((await drain(router.route(ask))).report.servedBy?.provider, 'b', 'cheaper host moved down');
      clock.advance(20_000);
      assert.equal((await drain(router.route(ask))).report.servedBy?.provider, 'a', 'the window reset');
    } finally {
      await tight.close();
    }
  });

  it('continues a broken OpenAI answer on an Anthropic endpoint, sending the partial answer', async () => {
    const o = fleet.provider('openai', 'o');
    const a = fleet.provider('anthropic', 'a');
    const { router } = fleet.router([o, a], [ep('o', 'sim/reset', M), ep('a', 'sim/ok', M)]);
    const first = await drain(router.route(ask));
    assert.equal(first.report.partial, true);
    assert.equal(first.text, 'Partial answer');
    const sim = fleet.servers.anthropic;
    const before = sim.requests.length;
    const cont = await drain(router.continueElsewhere(ask, { text: first.text, failed: [{ provider: 'o', modelId: 'sim/reset' }] }));
    assert.equal(cont.report.servedBy?.provider, 'a');
    assert.ok(cont.text.length > 0);
    const body = sim.requests[before].body as { messages: { role: string; content: unknown }[] };
    assert.deepEqual(
      body.messages.map((m) => m.role),
      ['user', 'assistant', 'user'],
    );
    assert.match(JSON.stringify(body.messages[1].content), /Partial answer/);
  });

  it('compares three models on three protocols at once', async () => {
    const ps = [fleet.provider('openai', 'o'), fleet.provider('anthropic', 'a'), fleet.provider('gemini', 'g')];
    const { router } = fleet.router(ps, [
      ep('o', 'sim/text', 'x/one'),
      ep('a', 'sim/ok', 'x/two'),
      ep('g', 'sim-hello', 'x/three'),
      ep('g', 'sim-fault-500', 'x/four'),
    ]);
    const lanes = router.compare(['x/one', 'x/two', 'x/three', 'x/four'], { messages: ask.messages });
    for await (const _ of interleave(lanes)) void _;
    const results = await Promise.all(lanes.map((l) => l.result));
    assert.deepEqual(
      results.map((r) => r.report?.servedBy?.provider),
      ['o', 'a', 'g', undefined],
    );
    for (const r of results.slice(0, 3)) {
      assert.ok(r.text.length > 0);
      assert.equal(typeof r.ttftMs, 'number');
      assert.ok(r.usage && r.usage.outputTokens > 0);
    }
    assert.equal(results[3].error?.category, 'server');
  });

  it('a cancel mid-answer ends the stream as cancelled, with no fallback and no health penalty', async () => {
    const o = fleet.provider('openai', 'o');
    const b = fleet.provider('openai', 'b');
    const { router, health } = fleet.router([o, b], [ep('o', 'sim/slow', M), ep('b', 'sim/text', M)]);
    const ctrl = new AbortController();
    const events = [];
    for await (const ev of router.route({ ...ask, signal: ctrl.signal })) {
      events.push(ev);
      if (ev.type === 'text-delta') ctrl.abort();
    }
    const report = events.at(-1);
    assert.equal(report?.type, 'route-report');
    const real = report?.type === 'route-report' ? report.report.attempts.filter((a) => a.outcome !== 'skipped') : [];
    assert.deepEqual(
      real.map((a) => a.outcome),
      ['cancelled'],
    );
    const finish = events.find((e) => e.type === 'finish');
    assert.equal(finish?.type === 'finish' && finish.reason, 'cancelled');
    assert.equal(health.endpoint('o:sim/slow')?.errorRate, 0);
  });
});
