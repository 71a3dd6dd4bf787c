// Property: whatever the hosts do, the router keeps its promises. Random fault sequences never
// exceed the attempt limit or the time budget, never retry after output began, and never call
// a host the preferences exclude.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ProviderError, type ErrorCategory } from '../../../src/core/errors';
import { DEFAULT_RETRY_OPTIONS } from '../../../src/core/router/backoff';
import type { StreamEvent } from '../../../src/core/types';
import { ep, fail, failMidway, ok } from './fakes';
import { drain, rig } from './setup';

const M = 'acme/model';
const PROVIDERS = ['a', 'b', 'c', 'd'];
const CATEGORIES: ErrorCategory[] = [
  'network',
  'timeout',
  'server',
  'overloaded',
  'rate_limit',
  'protocol',
  'context_length',
  'not_found',
  'payment',
  'auth',
  'bad_request',
];

/** One scripted response of a host. */
const responseArb: fc.Arbitrary<StreamEvent[]> = fc.oneof(
  fc.constant(ok()),
  fc
    .record({ category: fc.constantFrom(...CATEGORIES), retryAfterMs: fc.option(fc.integer({ min: 0, max: 70_000 }), { nil: undefined }) })
    .map(({ category, retryAfterMs }) => fail(category, { retryAfterMs })),
  fc.constant(failMidway('partial ')),
  // Text, then an error the adapter forgot to flag as after-output.
  fc.constant<StreamEvent[]>([
    { type: 'text-delta', text: 'unflagged ' },
    { type: 'error', error: new ProviderError({ category: 'network', provider: 'x', message: 'reset', outputStarted: false }) },
    { type: 'finish', reason: 'error' },
  ]),
);

const scenarioArb = fc.record({
  hosts: fc.integer({ min: 1, max: 4 }),
  scripts: fc.array(fc.array(responseArb, { minLength: 1, maxLength: 6 }), { minLength: 4, maxLength: 4 }),
  ignore: fc.subarray(PROVIDERS, { maxLength: 2 }),
  maxAttempts: fc.integer({ min: 1, max: 6 }),
  sort: fc.constantFrom('price' as const, 'balanced' as const, 'latency' as const),
  totalBudgetMs: fc.constantFrom(5_000, 30_000, DEFAULT_RETRY_OPTIONS.totalBudgetMs),
});

describe('property: the router under random faults', () => {
  it('keeps the attempt limit, the time budget, no retry after output, and the exclusions', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const providers = PROVIDERS.slice(0, s.hosts);
        const r = rig({
          endpoints: providers.map((p, i) =>
            ep(p, 'm', M, { price: { inputPerMTok: i + 1, outputPerMTok: i + 1 }, contextWindow: 8000 * (i + 1) }),
          ),
          deps: { retry: { totalBudgetMs: s.totalBudgetMs } },
        });
        providers.forEach((p, i) => r.adapter.script(`${p}:m`, ...s.scripts[i]));
        const started = r.clock.now();
        const out = await drain(
          r.router.route({
            models: [M],
            messages: [{ role: 'user', content: 'hi' }],
            maxAttempts: s.maxAttempts,
            preferences: { sort: s.sort, ignore: s.ignore },
          }),
        );

        assert.ok(r.adapter.calls.length <= s.maxAttempts, `${r.adapter.calls.length} calls > ${s.maxAttempts}`);
        assert.equal(out.real.length, r.adapter.calls.length, 'every call is reported');
        for (const c of r.adapter.calls) assert.ok(!s.ignore.includes(c.provider), `called ignored ${c.provider}`);
        for (const a of out.real)
          assert.ok(
            a.startedAt - started <= s.totalBudgetMs,
            `an attempt started ${a.startedAt - started} ms in, budget ${s.totalBudgetMs}`,
          );
        const outputAt = out.real.findIndex((a) => a.outcome === 'partial' || a.outcome === 'success');
        if (outputAt >= 0) assert.equal(outputAt, out.real.length - 1, 'no attempt after output began');
        assert.equal(out.events.filter((e) => e.type === 'finish').length, 1, 'one finish');
        assert.ok(
          r.waits.every((w) => w <= DEFAULT_RETRY_OPTIONS.maxRetryAfterMs),
          'no wait beyond the retry-after cap',
        );
      }),
      { numRuns: 200 },
    );
  });
});
