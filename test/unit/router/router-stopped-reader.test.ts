import * as assert from 'node:assert/strict';
import { interleave } from '../../../src/core/router/compare';
import type { AttemptReport, RouteReport, RouterEvent } from '../../../src/core/router/types';
import { ep, ok } from './fakes';
import { rig } from './setup';

const M = 'acme/model';
const req = { models: [M], messages: [{ role: 'user' as const, content: 'hi' }] };
const price = { inputPerMTok: 1, outputPerMTok: 2 };
const charge = () => ({ usd: 0.001, status: 'exact' as const, priceSource: 'bundled' as const });

function stoppingRig() {
  const reports: RouteReport[] = [];
  const health: string[] = [];
  const r = rig({
    endpoints: [ep('a', 'm', M, { price })],
    deps: {
      priceOf: charge as never,
      estimateUsage: () => ({ inputTokens: 3, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 }),
      onRouteReport: (rep: RouteReport) => reports.push(rep),
    },
  });
  const board = r.health;
  for (const m of ['recordSuccess', 'recordFailure'] as const) {
    const orig = board[m].bind(board) as (...a: unknown[]) => void;
    (board as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
      health.push(m);
      orig(...a);
    };
  }
  r.adapter.script('a:m', ok('one two three four'));
  return { r, reports, health };
}

function checkRecordedOnce(recorded: AttemptReport[], reports: RouteReport[], health: string[]): void {
  assert.equal(recorded.length, 1, 'the attempt reaches the spend recorder once');
  assert.equal(recorded[0].outcome, 'cancelled');
  assert.equal(recorded[0].reason, 'The reader stopped before the answer ended.');
  assert.ok(recorded[0].usage, 'streamed output is counted even though the reader stopped');
  assert.equal(recorded[0].usageEstimated, true);
  assert.ok(recorded[0].charge);
  assert.equal(reports.length, 1, 'one route report');
  assert.deepEqual(reports[0].attempts, recorded);
  assert.deepEqual(health, ['recordFailure'], 'health hears of the attempt once');
}

describe('Router: a reader that stops early still gets its attempt recorded', () => {
  it('break out of the for-await after the first text', async () => {
    const { r, reports, health } = stoppingRig();
    for await (const ev of r.router.route(req)) if (ev.type === 'text-delta') break;
    checkRecordedOnce(r.recorded, reports, health);
  });

  it('an exception thrown in the reader loop', async () => {
    const { r, reports, health } = stoppingRig();
    await assert.rejects(async () => {
      for await (const ev of r.router.route(req)) if (ev.type === 'text-delta') throw new Error('webview disposed');
    }, /webview disposed/);
    checkRecordedOnce(r.recorded, reports, health);
  });

  it('return() called on the iterator by a disposed consumer', async () => {
    const { r, reports, health } = stoppingRig();
    const it = r.router.route(req)[Symbol.asyncIterator]();
    let ev: IteratorResult<RouterEvent>;
    do ev = await it.next();
    while (!ev.done && ev.value.type !== 'text-delta');
    await it.return?.();
    checkRecordedOnce(r.recorded, reports, health);
    await it.return?.();
    assert.equal(r.recorded.length, 1, 'a second return() records nothing more');
  });

  it('a compare panel closed mid-answer: every lane records its attempt once', async () => {
    const reports: RouteReport[] = [];
    const r = rig({
      endpoints: [ep('a', 'm', 'acme/one', { price }), ep('b', 'm', 'acme/two', { price })],
      deps: { onRouteReport: (rep: RouteReport) => reports.push(rep) },
    });
    r.adapter.script('a:m', ok('one two three four'));
    r.adapter.script('b:m', ok('five six seven eight'));
    const lanes = r.router.compare(['acme/one', 'acme/two'], { messages: [{ role: 'user', content: 'hi' }] });
    let texts = 0;
    for await (const { event } of interleave(lanes)) if (event.type === 'text-delta' && ++texts === 3) break;
    await Promise.all(lanes.map((l) => l.result));
    assert.deepEqual(r.recorded.map((a) => a.endpoint.provider).sort(), ['a', 'b']);
    assert.equal(reports.length, 2);
  });

  it('a reader that finishes normally is recorded once and gets one report', async () => {
    const { r, reports, health } = stoppingRig();
    for await (const ev of r.router.route(req)) void ev;
    assert.equal(r.recorded.length, 1);
    assert.equal(r.recorded[0].outcome, 'success');
    assert.equal(reports.length, 1);
    assert.deepEqual(health, ['recordSuccess']);
  });
});
