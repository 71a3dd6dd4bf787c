// What one compare lane reports once its stream ends: the served attempt's speed and price,
// the total of every priced attempt, and the error of a lane nothing could serve.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { COMPARE_MAX, interleave } from '../../../src/core/router/compare';
import type { StreamEvent } from '../../../src/core/types';
import { ep, fail, ok } from './fakes';
import { rig } from './setup';

const messages = [{ role: 'user' as const, content: 'hi' }];
const usage = { inputTokens: 10, outputTokens: 4, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
const priced = (usd: number) => () => ({ usd, status: 'exact' as const });

async function readAll(lanes: ReturnType<ReturnType<typeof rig>['router']['compare']>) {
  for await (const _ of interleave(lanes)) void _;
  return Promise.all(lanes.map((l) => l.result));
}

describe('Router.compare: what a lane reports', () => {
  it('a lane served after a failed host: speed and price of the served attempt, the total of both', async () => {
    const r = rig({
      endpoints: [ep('a', 'm', 'acme/one'), ep('b', 'm', 'acme/one'), ep('c', 'm', 'acme/two')],
      deps: { priceOf: priced(0.25), preferences: () => ({ global: { sort: 'price' } }) },
    });
    const failed: StreamEvent[] = [{ type: 'usage', usage }, ...fail('server', { status: 500 })];
    r.adapter.script('a:m', failed);
    const [one, two] = await readAll(r.router.compare(['acme/one', 'acme/two'], { messages }));
    assert.equal(one.report?.servedBy?.provider, 'b');
    assert.equal(one.totalUsd, 0.5, 'the failed attempt reported usage: it was billed too');
    assert.deepEqual(one.charge, { usd: 0.25, status: 'exact' });
    assert.equal(one.ttftMs, one.report?.attempts.find((a) => a.endpoint.provider === 'b')?.ttftMs);
    assert.equal(one.text, 'hello world');
    assert.deepEqual(one.usage, usage);
    assert.equal(two.totalUsd, 0.25);
    assert.equal(one.error, undefined);
  });

  it('a lane nothing could serve: its error, no charge, and no total when nothing was priced', async () => {
    const r = rig({ endpoints: [ep('a', 'm', 'acme/one'), ep('c', 'm', 'acme/two')] });
    r.adapter.script('a:m', fail('bad_request', { status: 400 }));
    const [one, two] = await readAll(r.router.compare(['acme/one', 'acme/two'], { messages }));
    assert.equal(one.error?.category, 'bad_request');
    assert.equal(one.charge, undefined);
    assert.equal(one.ttftMs, undefined);
    assert.equal(one.totalUsd, undefined);
    assert.equal(two.totalUsd, undefined);
    assert.equal(two.text, 'hello world');
  });

  it('a lane cut off mid-answer keeps the speed and price of its partial attempt', async () => {
    const r = rig({ endpoints: [ep('a', 'm', 'acme/one'), ep('c', 'm', 'acme/two')], deps: { priceOf: priced(0.1) } });
    const cut = new ProviderError({ category: 'network', provider: 'a', message: 'reset', outputStarted: true });
    r.adapter.script('a:m', [
      { type: 'text-delta', text: 'half' },
      { type: 'usage', usage },
      { type: 'error', error: cut },
      { type: 'finish', reason: 'error' },
    ]);
    const [one] = await readAll(r.router.compare(['acme/one', 'acme/two'], { messages }));
    assert.equal(one.text, 'half');
    assert.deepEqual(one.charge, { usd: 0.1, status: 'exact' });
    assert.equal(typeof one.ttftMs, 'number');
    assert.match(one.error?.message ?? '', /Stopped mid-answer/);
  });

  it('a served host that was also tried before on the same lane reports its served attempt only', async () => {
    const r = rig({ endpoints: [ep('a', 'm', 'acme/one'), ep('c', 'm', 'acme/two')], deps: { priceOf: priced(0.2) } });
    r.adapter.script('a:m', [{ type: 'usage', usage }, ...fail('server', { status: 500 })], ok());
    const [one] = await readAll(r.router.compare(['acme/one', 'acme/two'], { messages }));
    assert.equal(one.report?.attempts.length, 2);
    assert.ok(Math.abs((one.totalUsd ?? 0) - 0.4) < 1e-12);
    assert.deepEqual(one.charge, { usd: 0.2, status: 'exact' });
    assert.equal(one.ttftMs, one.report?.attempts[1].ttftMs);
  });

  it(`takes ${COMPARE_MAX} models at most and two at least`, () => {
    const r = rig({ endpoints: [ep('a', 'm', 'acme/one')] });
    const models = ['m1', 'm2', 'm3', 'm4', 'm5'];
    assert.throws(() => r.router.compare(models, { messages }), /Compare takes 2 to 4 models, got 5\./);
    assert.equal(r.router.compare(models.slice(0, 4), { messages }).length, 4);
    assert.equal(r.router.compare(models.slice(0, 2), { messages }).length, 2);
  });
});
