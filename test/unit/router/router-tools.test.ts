// Routing a request with tools or a schema: hosts that cannot serve it (capability data) are
// skipped and named in the route report; tool calls and warnings reach the caller through the
// router; no capable host at all is a clear bad_request.
import * as assert from 'node:assert/strict';
import { planRoute } from '../../../src/core/router/route-plan';
import { mergePreferences } from '../../../src/core/router/preferences';
import { MemoryCatalog } from './fakes';
import { drain } from './setup';
import { ep, SimFleet } from './sim-rig';
import { WEATHER } from '../providers/tool-fixtures';

const M = 'test/model';
const TOOLS = { images: false, reasoning: true, tools: true };

describe('Router: tools, schema and warnings', function () {
  this.timeout(10_000);
  let fleet: SimFleet;
  before(async () => (fleet = await SimFleet.start()));
  after(() => fleet.close());

  it('skips an endpoint whose model cannot call tools, says so, and delivers the call from the next one', async () => {
    const weak = fleet.provider('openai', 'weak');
    const strong = fleet.provider('anthropic', 'strong');
    const { router } = fleet.router(
      [weak, strong],
      [
        ep('weak', 'sim/text', M, { price: { inputPerMTok: 0.01, outputPerMTok: 0.01 } }),
        ep('strong', 'sim/tool-thinking', M, { capabilities: TOOLS }),
      ],
    );
    const out = await drain(
      router.route({ models: [M], messages: [{ role: 'user', content: 'Weather?' }], tools: [WEATHER], preferences: { sort: 'price' } }),
    );
    assert.equal(out.error, undefined, out.error?.message);
    assert.deepEqual(
      out.report.attempts.map((a) => [a.endpoint.provider, a.outcome]),
      [
        ['weak', 'skipped'],
        ['strong', 'success'],
      ],
    );
    assert.match(out.report.attempts[0].reason ?? '', /cannot call tools/);
    const calls = out.events.filter((e) => e.type === 'tool-call');
    assert.equal(calls.length, 1, 'the tool call passes through the router');
    assert.ok(
      out.events.some((e) => e.type === 'reasoning-part'),
      'and so does the reasoning state',
    );
    const finish = out.events.find((e) => e.type === 'finish');
    assert.equal(finish?.type === 'finish' ? finish.reason : undefined, 'tool_calls');
  });

  it('a provider whose descriptor says tools: false is skipped even for a pinned model', () => {
    const d = { ...fleet.provider('openai', 'local'), capabilities: { ...fleet.provider('openai', 'local').capabilities, tools: false } };
    const plan = planRoute({ models: ['local:llama'], needs: { tools: true, schema: false } }, mergePreferences(), {
      catalog: new MemoryCatalog([ep('local', 'llama', 'x/llama')]),
      descriptorOf: (id) => (id === 'local' ? d : undefined),
      hasKey: () => true,
      isKeyBad: () => false,
    });
    assert.equal(plan.candidates.length, 0);
    assert.equal(plan.skipped[0].code, 'no-tools');
  });

  it('a pinned model the catalog knows nothing about is still tried when its provider can call tools', () => {
    const d = fleet.provider('openai', 'local');
    const plan = planRoute({ models: ['local:llama'], needs: { tools: true, schema: false } }, mergePreferences(), {
      catalog: new MemoryCatalog([ep('local', 'llama', 'x/llama')]),
      descriptorOf: (id) => (id === 'local' ? d : undefined),
      hasKey: () => true,
      isKeyBad: () => false,
    });
    assert.equal(plan.candidates.length, 1);
  });

  it('no endpoint able to call tools is a clear, non-retryable error naming why', async () => {
    const weak = fleet.provider('openai', 'weak');
    const { router } = fleet.router([weak], [ep('weak', 'sim/text', M)]);
    const out = await drain(router.route({ models: [M], messages: [{ role: 'user', content: 'hi' }], tools: [WEATHER] }));
    assert.equal(out.error?.category, 'bad_request');
    assert.equal(out.error?.retryable, false);
    assert.match(out.error?.message ?? '', /cannot call tools/);
    assert.equal(out.real.length, 0, 'nothing was sent');
  });

  it('skips an endpoint the catalog says cannot answer in a schema', async () => {
    const a = fleet.provider('openai', 'a');
    const b = fleet.provider('openai', 'b');
    const { router } = fleet.router(
      [a, b],
      [
        ep('a', 'sim/text', M, { capabilities: { ...TOOLS, structuredOutput: false }, price: { inputPerMTok: 0.01, outputPerMTok: 0.01 } }),
        ep('b', 'sim/text', M, { capabilities: TOOLS }),
      ],
    );
    const out = await drain(
      router.route({
        models: [M],
        messages: [{ role: 'user', content: 'hi' }],
        responseFormat: { type: 'json_schema', name: 'x', schema: { type: 'object' } },
        preferences: { sort: 'price' },
      }),
    );
    assert.deepEqual(
      out.report.attempts.map((a) => [a.endpoint.provider, a.outcome]),
      [
        ['a', 'skipped'],
        ['b', 'success'],
      ],
    );
    assert.match(out.report.attempts[0].reason ?? '', /JSON schema/);
  });

  it("the adapter's warnings reach the caller and the attempt in the route report", async () => {
    const o = fleet.provider('openai', 'o');
    const { router } = fleet.router([o], [ep('o', 'sim/text', M, { capabilities: TOOLS })]);
    const out = await drain(
      router.route({ models: [M], messages: [{ role: 'user', content: 'hi' }], reasoning: { effort: 'high', maxTokens: 4000 } }),
    );
    assert.equal(out.error, undefined);
    const warnings = out.events.filter((e) => e.type === 'warning');
    assert.ok(warnings.length > 0);
    assert.deepEqual(
      out.report.attempts[0].warnings?.map((w) => w.parameter),
      ['reasoning.maxTokens'],
    );
  });
});
