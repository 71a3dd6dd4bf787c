// The reasoning control per model: a model that cannot reason gets no reasoning field and a
// warning naming it and its host; a model's own control style (a Gemini thinking level) wins over
// its provider's; a host that cannot reason is skipped when another host of the model can.
// The route report carries every attempt's warnings once, each naming its host.
import * as assert from 'node:assert/strict';
import { drain } from './setup';
import { ep, SimFleet } from './sim-rig';
import type { RecordedRequest } from '../../sim/server';

const M = 'test/model';
const REASONS = { images: false, reasoning: true, tools: true };
const PLAIN = { images: false, reasoning: false, tools: true };
const hi = [{ role: 'user' as const, content: 'hi' }];

function lastBody(requests: RecordedRequest[]): Record<string, unknown> {
  return requests[requests.length - 1].body as Record<string, unknown>;
}

describe('Router: reasoning per model and the route warnings', function () {
  this.timeout(10_000);
  let fleet: SimFleet;
  before(async () => (fleet = await SimFleet.start()));
  after(() => fleet.close());

  it('a model the catalog says cannot reason gets no reasoning_effort, and a warning names the model and host', async () => {
    const o = fleet.provider('openai', 'o');
    const { router } = fleet.router([o], [ep('o', 'sim/text', M, { capabilities: PLAIN })]);
    const out = await drain(router.route({ models: [M], messages: hi, reasoning: { effort: 'high' } }));
    assert.equal(out.error, undefined, out.error?.message);
    assert.equal(lastBody(fleet.servers.openai.requests).reasoning_effort, undefined);
    assert.deepEqual(
      out.report.warnings?.map((w) => [w.provider, w.modelId, w.parameter]),
      [['o', 'sim/text', 'reasoning']],
    );
    assert.match(out.report.warnings![0].message, /sim\/text.*Sim o|Sim o.*sim\/text/);
    assert.ok(
      out.events.some((e) => e.type === 'warning' && e.warning.parameter === 'reasoning'),
      'the caller sees the warning event too',
    );
  });

  it('a model that reasons on the same host gets reasoning_effort and no warning', async () => {
    const o = fleet.provider('openai', 'o');
    const { router } = fleet.router([o], [ep('o', 'sim/text', M, { capabilities: REASONS })]);
    const out = await drain(router.route({ models: [M], messages: hi, reasoning: { effort: 'low' } }));
    assert.equal(out.error, undefined, out.error?.message);
    assert.equal(lastBody(fleet.servers.openai.requests).reasoning_effort, 'low');
    assert.equal(out.report.warnings, undefined);
  });

  it("a model's own control style wins over its provider's (a Gemini thinking level, not a budget)", async () => {
    const g = fleet.provider('gemini', 'g');
    const levelled = { ...REASONS, reasoningControl: 'level' as const };
    const { router } = fleet.router([g], [ep('g', 'sim-hello', M, { capabilities: levelled })]);
    const out = await drain(router.route({ models: [M], messages: hi, reasoning: { effort: 'high' } }));
    assert.equal(out.error, undefined, out.error?.message);
    const cfg = (lastBody(fleet.servers.gemini.requests).generationConfig ?? {}) as { thinkingConfig?: Record<string, unknown> };
    assert.equal(cfg.thinkingConfig?.thinkingLevel, 'high');
    assert.equal(cfg.thinkingConfig?.thinkingBudget, undefined);
  });

  it('skips a host that cannot reason when another host of the model can, and names the skip', async () => {
    const cheap = fleet.provider('openai', 'cheap');
    const smart = fleet.provider('openai', 'smart');
    const endpoints = [
      ep('cheap', 'sim/text', M, { capabilities: PLAIN, price: { inputPerMTok: 0.01, outputPerMTok: 0.01 } }),
      ep('smart', 'sim/text', M, { capabilities: REASONS, price: { inputPerMTok: 5, outputPerMTok: 5 } }),
    ];
    const { router } = fleet.router([cheap, smart], endpoints);
    const out = await drain(router.route({ models: [M], messages: hi, reasoning: { effort: 'medium' }, preferences: { sort: 'price' } }));
    assert.equal(out.error, undefined, out.error?.message);
    assert.deepEqual(
      out.report.attempts.map((a) => [a.endpoint.provider, a.outcome]),
      [
        ['cheap', 'skipped'],
        ['smart', 'success'],
      ],
    );
    assert.match(out.report.attempts[0].reason ?? '', /cannot reason/);
    const plain = await drain(router.route({ models: [M], messages: hi, preferences: { sort: 'price' } }));
    assert.equal(plain.report.servedBy?.provider, 'cheap', 'without the control the cheaper host serves');
  });

  it('a model no host of which can reason is still served, with the warning', async () => {
    const a = fleet.provider('openai', 'a');
    const b = fleet.provider('openai', 'b');
    const { router } = fleet.router(
      [a, b],
      [ep('a', 'sim/text', M, { capabilities: PLAIN }), ep('b', 'sim/text', M, { capabilities: PLAIN })],
    );
    const out = await drain(router.route({ models: [M], messages: hi, reasoning: { effort: 'high' } }));
    assert.equal(out.error, undefined, out.error?.message);
    assert.ok(!out.report.attempts.some((a) => a.outcome === 'skipped'));
    assert.equal(out.report.warnings?.length, 1);
  });

  it('a pinned model the catalog knows nothing about follows its provider', async () => {
    const o = fleet.provider('openai', 'o');
    const { router } = fleet.router([o], []);
    const out = await drain(router.route({ models: ['o:sim/text'], messages: hi, reasoning: { effort: 'minimal' } }));
    assert.equal(out.error, undefined, out.error?.message);
    assert.equal(lastBody(fleet.servers.openai.requests).reasoning_effort, 'minimal');
  });

  it('the report lists each warning once across retries at one host, and per host across a fallback', async () => {
    const a = fleet.provider('openai', 'a');
    const b = fleet.provider('openai', 'b');
    const retried = fleet.router([a], [ep('a', 'sim/fault-503', M, { capabilities: REASONS })]);
    const once = await drain(
      retried.router.route({ models: [M], messages: hi, reasoning: { effort: 'high', maxTokens: 4000 }, maxAttempts: 2 }),
    );
    assert.equal(once.real.length, 2, 'two attempts at the one host');
    assert.ok(once.real.every((r) => r.warnings?.length === 1));
    assert.deepEqual(
      once.report.warnings?.map((w) => [w.provider, w.parameter]),
      [['a', 'reasoning.maxTokens']],
    );
    const { router } = fleet.router(
      [a, b],
      [
        ep('a', 'sim/fault-503', M, { capabilities: REASONS, price: { inputPerMTok: 0.01, outputPerMTok: 0.01 } }),
        ep('b', 'sim/text', M, { capabilities: REASONS, price: { inputPerMTok: 5, outputPerMTok: 5 } }),
      ],
    );
    const out = await drain(
      router.route({ models: [M], messages: hi, reasoning: { effort: 'high', maxTokens: 4000 }, preferences: { sort: 'price' } }),
    );
    assert.equal(out.report.servedBy?.provider, 'b');
    assert.deepEqual(
      out.report.warnings?.map((w) => w.provider),
      ['a', 'b'],
    );
  });
});
