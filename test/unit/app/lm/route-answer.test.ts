// VS Code's extension host holds a provider's parts (it sends them 30 ms after the last one, or
// when the provider's call settles), so a short answer reaches its caller only once the provider
// returns. The provider must return when the model's answer is complete, not when the route has
// also written its ledger line, health and report; those still happen.
import * as assert from 'node:assert/strict';
import { readRouteAnswer } from '../../../../src/app/lm/route-answer';
import { ProviderError } from '../../../../src/core/errors';
import type { RouteReport, RouterEvent } from '../../../../src/core/router/types';

const usage = { inputTokens: 3, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
const report: RouteReport = { attempts: [], strategy: 'balanced' };

/**
 * A route whose settlement (after the answer's events) waits for `release`; `settling` resolves
 * when it gets there, `ended` tells whether it ran to its end.
 */
function route(events: RouterEvent[], tail: RouterEvent[]) {
  let release!: () => void;
  let reached!: () => void;
  const settle = new Promise<void>((r) => (release = r));
  const settling = new Promise<void>((r) => (reached = r));
  const state = { ended: false, release, settling };
  async function* gen(): AsyncGenerator<RouterEvent> {
    yield* events;
    reached();
    await settle;
    yield* tail;
    state.ended = true;
  }
  return { events: gen(), state };
}

const textOf = (ev: RouterEvent) => (ev.type === 'text-delta' ? { kind: 'text' as const, text: ev.text } : undefined);

describe('readRouteAnswer', () => {
  it("returns at the model's finish while the route is still settling, and the route still runs to its end", async () => {
    const r = route(
      [
        { type: 'text-delta', text: 'Hel' },
        { type: 'text-delta', text: 'lo' },
        { type: 'finish', reason: 'stop' },
      ],
      [
        { type: 'usage', usage },
        { type: 'route-report', report },
      ],
    );
    const parts: string[] = [];
    const answer = await Promise.race([
      readRouteAnswer(r.events, {
        partOf: textOf,
        report: (p) => void parts.push(p.kind === 'text' ? p.text : ''),
        cancelled: () => false,
      }),
      // A reader that returned at the finish has done so before the event loop turns again.
      r.state.settling.then(() => new Promise((resolve) => setImmediate(resolve))).then(() => 'waited for the route' as const),
    ]);
    assert.notEqual(answer, 'waited for the route');
    assert.deepEqual(parts, ['Hel', 'lo']);
    assert.equal(r.state.ended, false);
    r.state.release();
    await (answer as Awaited<ReturnType<typeof readRouteAnswer>>).routeEnded;
    assert.equal(r.state.ended, true, 'the route ran to its end (ledger, health, report)');
  });

  it('a failure is read to the end of the route, with its report for the advice', async () => {
    const error = new ProviderError({ category: 'rate_limit', provider: 'openai', message: 'slow down', retryable: true });
    const r = route([{ type: 'error', error }], [{ type: 'route-report', report }]);
    const reading = readRouteAnswer(r.events, { partOf: textOf, report: () => undefined, cancelled: () => false });
    r.state.release();
    const answer = await reading;
    assert.equal(answer.error, error);
    assert.deepEqual(answer.report, report);
    assert.equal(r.state.ended, true);
  });

  it('stops reading when the caller cancels', async () => {
    const r = route(
      [
        { type: 'text-delta', text: 'a' },
        { type: 'text-delta', text: 'b' },
      ],
      [],
    );
    let cancel = false;
    const parts: string[] = [];
    const answer = await readRouteAnswer(r.events, {
      partOf: textOf,
      report: (p) => {
        parts.push(p.kind === 'text' ? p.text : '');
        cancel = true;
      },
      cancelled: () => cancel,
    });
    await answer.routeEnded;
    assert.deepEqual(parts, ['a']);
    assert.equal(r.state.ended, false);
  });
});
