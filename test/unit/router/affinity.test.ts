// Prompt-cache affinity: a conversation stays on its host for ten minutes after its last turn,
// and the table forgets the least recently used conversation first when it is full.
import * as assert from 'node:assert/strict';
import { AffinityTable } from '../../../src/core/router/affinity';
import { ep, fail, ok } from './fakes';
import { drain, rig } from './setup';

const M = 'acme/model';
const conv = { models: [M], messages: [{ role: 'user' as const, content: 'hi' }], conversationId: 'c1' };

describe('Router: prompt-cache affinity over time', () => {
  /** A conversation served by b (a failed once), so affinity, not price, keeps it there. */
  async function onB() {
    const r = rig({ endpoints: [ep('a', 'm', M), ep('b', 'm', M)], deps: { preferences: () => ({ global: { sort: 'price' } }) } });
    r.adapter.script('a:m', fail('overloaded', { status: 529 }));
    const first = await drain(r.router.route(conv));
    assert.equal(first.report.servedBy?.provider, 'b');
    r.adapter.script('a:m', ok());
    return r;
  }

  it('keeps the conversation on its host at exactly ten minutes after the last turn', async () => {
    const r = await onB();
    r.clock.advance(10 * 60_000);
    const out = await drain(r.router.route(conv));
    assert.equal(out.report.affinity, 'kept');
    assert.equal(out.report.servedBy?.provider, 'b');
  });

  it('forgets the host one millisecond later, so the cheapest host serves again', async () => {
    const r = await onB();
    r.clock.advance(10 * 60_000 + 1);
    const out = await drain(r.router.route(conv));
    assert.equal(out.report.affinity, 'new');
    assert.equal(out.report.servedBy?.provider, 'a');
  });

  it('counts the ten minutes from the latest turn, not the first', async () => {
    const r = await onB();
    r.clock.advance(6 * 60_000);
    await drain(r.router.route(conv));
    r.clock.advance(6 * 60_000);
    const out = await drain(r.router.route(conv));
    assert.equal(out.report.affinity, 'kept');
    assert.equal(out.report.servedBy?.provider, 'b');
  });

  it('a turn no host answered reports no affinity, and the next turn still keeps the host', async () => {
    const r = await onB();
    r.adapter.script('a:m', fail('overloaded', { status: 529 }));
    r.adapter.script('b:m', fail('overloaded', { status: 529 }));
    const failed = await drain(r.router.route({ ...conv, maxAttempts: 2 }));
    assert.equal(failed.report.servedBy, undefined);
    assert.equal(failed.report.affinity, undefined, 'nothing was switched to: no host answered');
    r.adapter.script('b:m', ok());
    const next = await drain(r.router.route(conv));
    assert.equal(next.report.affinity, 'kept');
  });

  it('another conversation is not pulled onto that host', async () => {
    const r = await onB();
    const other = await drain(r.router.route({ ...conv, conversationId: 'c2' }));
    assert.equal(other.report.affinity, 'new');
    assert.equal(other.report.servedBy?.provider, 'a');
  });
});

describe('AffinityTable', () => {
  it('drops the least recently served conversation when over its bound', () => {
    const t = new AffinityTable(60_000, 2);
    t.set('one', 'a:m', M, 0);
    t.set('two', 'b:m', M, 1);
    t.set('one', 'c:m', M, 2); // one is now the most recent
    t.set('three', 'd:m', M, 3);
    assert.equal(t.get('two', 4), undefined);
    assert.deepEqual(t.get('one', 4), { key: 'c:m', canonicalModel: M, at: 2 });
    assert.equal(t.get('three', 4)?.key, 'd:m');
  });

  it('holds exactly its bound of conversations', () => {
    const t = new AffinityTable(60_000, 2);
    t.set('one', 'a:m', M, 0);
    t.set('two', 'b:m', M, 1);
    assert.equal(t.get('one', 2)?.key, 'a:m');
    assert.equal(t.get('two', 2)?.key, 'b:m');
  });

  it('defaults to ten minutes and a thousand conversations', () => {
    const t = new AffinityTable();
    for (let i = 0; i <= 1000; i++) t.set(`c${i}`, `k${i}`, M, 0);
    assert.equal(t.get('c0', 0), undefined);
    assert.equal(t.get('c1', 600_000)?.key, 'k1');
    assert.equal(t.get('c1000', 600_001), undefined);
  });
});
