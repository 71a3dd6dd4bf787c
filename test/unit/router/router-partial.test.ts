import * as assert from 'node:assert/strict';
import { ep, fail, failMidway, ok } from './fakes';
import { drain, rig } from './setup';

const M = 'acme/model';
const req = { models: [M], messages: [{ role: 'user' as const, content: 'write a poem' }], preferences: { sort: 'price' as const } };

describe('Router: failure after output started', () => {
  it('keeps the partial text, never retries, and says where it stopped', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M)] });
    r.adapter.script('a:m', failMidway('Roses are red, '));
    const out = await drain(r.router.route(req));
    assert.equal(out.text, 'Roses are red, ');
    assert.equal(out.real.length, 1);
    assert.equal(out.real[0].outcome, 'partial');
    assert.equal(out.report.partial, true);
    assert.equal(out.report.servedBy?.provider, 'a');
    assert.match(out.error?.message ?? '', /^Stopped mid-answer, on provider A:/);
    assert.equal(out.error?.outputStarted, true);
    assert.equal(r.adapter.callsTo('b:m'), 0);
  });

  it('continueElsewhere resends the conversation plus the partial answer to the next endpoint', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M)] });
    r.adapter.script('a:m', failMidway('Roses are red, '));
    r.adapter.script('b:m', ok('violets are blue'));
    const first = await drain(r.router.route(req));
    const cont = await drain(r.router.continueElsewhere(req, { text: first.text, failed: [{ provider: 'a', modelId: 'm' }] }));
    assert.equal(cont.report.servedBy?.provider, 'b');
    assert.equal(cont.text, 'violets are blue');
    const sent = r.adapter.calls.at(-1)!.request.messages;
    assert.equal(sent.length, 3);
    assert.deepEqual(sent[1], { role: 'assistant', content: 'Roses are red, ' });
    assert.equal(sent[2].role, 'user');
    assert.match(String(sent[2].content), /Continue it exactly where it stopped/);
  });

  it('continueElsewhere uses the same endpoint when it is the only one', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', failMidway('half'), ok('rest'));
    const first = await drain(r.router.route(req));
    const cont = await drain(r.router.continueElsewhere(req, { text: first.text, failed: [{ provider: 'a', modelId: 'm' }] }));
    assert.equal(cont.text, 'rest');
  });

  it('continueElsewhere skips every host that failed in the turn: an endpoint, or a whole provider when no model id is known', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M), ep('b', 'm-alt', M), ep('c', 'm', M)] });
    r.adapter.script('c:m', ok('violets are blue'));
    const failed = [{ provider: 'a', modelId: 'm' }, { provider: 'b' }];
    const cont = await drain(r.router.continueElsewhere(req, { text: 'Roses are red, ', failed }));
    assert.equal(cont.report.servedBy?.provider, 'c');
    assert.deepEqual(
      r.adapter.calls.map((c) => `${c.provider}:${c.model}`),
      ['c:m'],
    );
    assert.deepEqual(
      cont.report.attempts.filter((a) => a.outcome === 'skipped').map((a) => `${a.endpoint.provider}:${a.endpoint.modelId}`),
      ['a:m', 'b:m', 'b:m-alt'],
    );
  });

  it('continueElsewhere falls back to the failed hosts when nothing else can serve, rather than "no route"', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M)] });
    r.adapter.script('a:m', ok('rest'));
    r.adapter.script('b:m', ok('rest'));
    const cont = await drain(
      r.router.continueElsewhere(req, { text: 'half', failed: [{ provider: 'a' }, { provider: 'b', modelId: 'm' }] }),
    );
    assert.equal(cont.text, 'rest');
    assert.equal(cont.error, undefined);
  });

  it('holds back metadata and usage of failed attempts, and forwards them for the served one', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M)] });
    const usage = { inputTokens: 10, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
    r.adapter.script('a:m', [{ type: 'response-metadata', provider: 'a' }, { type: 'usage', usage }, ...fail('server', { status: 500 })]);
    const out = await drain(r.router.route(req));
    assert.equal(out.report.servedBy?.provider, 'b');
    assert.deepEqual(out.real[0].usage, usage, 'the failed attempt keeps its usage for the ledger');
    const types = out.events.map((e) => e.type).filter((t) => t !== 'attempt');
    assert.deepEqual(types, ['response-metadata', 'text-delta', 'text-delta', 'usage', 'finish', 'route-report']);
  });

  it('prices output that was streamed without a usage report as an estimate, for the ledger and the footer', async () => {
    const seen: { request: string; text: string; reasoning: string }[] = [];
    const r = rig({
      endpoints: [ep('a', 'm', M), ep('b', 'm', M)],
      deps: {
        priceOf: (u) => ({ usd: (u.inputTokens + u.outputTokens) / 1000, status: 'exact' }),
        estimateUsage: (request, text, reasoning) => {
          seen.push({ request: String(request.messages[0].content), text, reasoning });
          return { inputTokens: 7, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 2 };
        },
      },
    });
    r.adapter.script('a:m', [{ type: 'reasoning-delta', text: 'hmm' }, ...failMidway('Roses are red, ')]);
    const out = await drain(r.router.route(req));
    assert.deepEqual(seen, [{ request: 'write a poem', text: 'Roses are red, ', reasoning: 'hmm' }]);
    const cut = out.real[0];
    assert.equal(cut.usageEstimated, true);
    assert.equal(cut.usage?.outputTokens, 5);
    assert.deepEqual(cut.charge, { usd: 0.012, status: 'estimated' });
    assert.deepEqual(r.recorded[0].charge, { usd: 0.012, status: 'estimated' }, 'what the ledger is handed');
    // An attempt that failed before any output is not estimated: nothing was generated.
    const before = rig({
      endpoints: [ep('a', 'm', M)],
      deps: { priceOf: () => ({ usd: 1, status: 'exact' }), estimateUsage: () => assert.fail('estimated a request that produced nothing') },
    });
    before.adapter.script(
      'a:m',
      fail('server', { status: 500 }),
      fail('server', { status: 500 }),
      fail('server', { status: 500 }),
      fail('server', { status: 500 }),
    );
    const none = await drain(before.router.route(req));
    assert.ok(none.real.every((a) => a.charge === undefined && !a.usageEstimated));
  });
});
