// The simulators' whole fault matrix, across the three protocols, through the real adapters.
import * as assert from 'node:assert/strict';
import type { ErrorCategory } from '../../../src/core/errors';
import { countsAgainstHealth } from '../../../src/core/health/health-board';
import type { ProtocolFamily } from '../../../src/core/providers/descriptor';
import { GEMINI_FAULTS } from '../../sim/gemini';
import { drain } from './setup';
import { ep, FAMILIES, SimFleet } from './sim-rig';

/** What the router must do: fall back (or retry when alone), stop, end with a partial answer, or look for a larger window. */
type Expect = 'fallback' | 'stop' | 'partial' | 'context';
interface Fault {
  family: ProtocolFamily;
  model: string;
  category: ErrorCategory;
  expect: Expect;
  retryAfterMs?: number;
}

const f = (family: ProtocolFamily, model: string, category: ErrorCategory, expect: Expect, retryAfterMs?: number): Fault => ({
  family,
  model,
  category,
  expect,
  retryAfterMs,
});

const OPENAI: Fault[] = [
  f('openai', 'sim/fault-401', 'auth', 'stop'),
  f('openai', 'sim/fault-402', 'payment', 'fallback'),
  f('openai', 'sim/fault-403', 'content_policy', 'stop'),
  f('openai', 'sim/fault-404', 'not_found', 'fallback'),
  f('openai', 'sim/fault-408', 'timeout', 'fallback'),
  f('openai', 'sim/fault-context', 'context_length', 'context'),
  f('openai', 'sim/fault-429', 'rate_limit', 'fallback', 2000),
  f('openai', 'sim/fault-429-ms', 'rate_limit', 'fallback', 1800),
  f('openai', 'sim/fault-500', 'server', 'fallback'),
  f('openai', 'sim/fault-502-html', 'server', 'fallback'),
  f('openai', 'sim/fault-503', 'overloaded', 'fallback', 1000),
  f('openai', 'sim/fault-529', 'overloaded', 'fallback'),
  f('openai', 'sim/reset', 'network', 'partial'),
  f('openai', 'sim/stall', 'timeout', 'partial'),
  f('openai', 'sim/malformed', 'protocol', 'partial'),
  f('openai', 'sim/mid-stream-error', 'server', 'partial'),
  f('openai', 'sim/no-terminator', 'protocol', 'partial'),
];

const ANTHROPIC: Fault[] = [
  f('anthropic', 'sim/fault-401', 'auth', 'stop'),
  f('anthropic', 'sim/fault-403', 'permission', 'stop'),
  f('anthropic', 'sim/fault-404', 'not_found', 'fallback'),
  f('anthropic', 'sim/fault-408', 'timeout', 'fallback'),
  f('anthropic', 'sim/fault-413', 'context_length', 'context'),
  f('anthropic', 'sim/fault-context', 'context_length', 'context'),
  f('anthropic', 'sim/fault-credit', 'payment', 'fallback'),
  f('anthropic', 'sim/fault-bad-request', 'bad_request', 'stop'),
  f('anthropic', 'sim/fault-429', 'rate_limit', 'fallback', 7000),
  f('anthropic', 'sim/fault-429-ms', 'rate_limit', 'fallback', 1500),
  f('anthropic', 'sim/fault-500', 'server', 'fallback'),
  f('anthropic', 'sim/fault-502', 'server', 'fallback'),
  f('anthropic', 'sim/fault-503', 'overloaded', 'fallback'),
  f('anthropic', 'sim/fault-529', 'overloaded', 'fallback'),
  f('anthropic', 'sim/fault-midstream', 'overloaded', 'partial'),
  f('anthropic', 'sim/fault-reset', 'network', 'partial'),
  f('anthropic', 'sim/fault-reset-before-output', 'network', 'fallback'),
  f('anthropic', 'sim/fault-malformed', 'protocol', 'partial'),
  f('anthropic', 'sim/fault-stall', 'timeout', 'partial'),
  f('anthropic', 'sim/fault-no-stop', 'protocol', 'partial'),
];

// OpenAI's descriptor with the Responses wire for these models (capability data, see sim-rig).
const RESPONSES: Fault[] = [
  f('responses', 'sim/fault-401', 'auth', 'stop'),
  f('responses', 'sim/fault-404', 'not_found', 'fallback'),
  f('responses', 'sim/fault-bad-request', 'bad_request', 'stop'),
  f('responses', 'sim/fault-context', 'context_length', 'context'),
  f('responses', 'sim/fault-429', 'rate_limit', 'fallback', 2000),
  f('responses', 'sim/fault-429-ms', 'rate_limit', 'fallback', 1800),
  f('responses', 'sim/fault-500', 'server', 'fallback'),
  f('responses', 'sim/fault-502-html', 'server', 'fallback'),
  f('responses', 'sim/fault-503', 'overloaded', 'fallback', 1000),
  f('responses', 'sim/failed-before-output', 'rate_limit', 'fallback'),
  f('responses', 'sim/reset-before-output', 'network', 'fallback'),
  f('responses', 'sim/failed', 'server', 'partial'),
  f('responses', 'sim/mid-stream-error', 'server', 'partial'),
  f('responses', 'sim/reset', 'network', 'partial'),
  f('responses', 'sim/stall', 'timeout', 'partial'),
  f('responses', 'sim/malformed', 'protocol', 'partial'),
  f('responses', 'sim/no-terminator', 'protocol', 'partial'),
];

/** The issue's rules, restated independently of the router's code. */
function expectFor(category: ErrorCategory, outputStarted: boolean): Expect {
  if (outputStarted) return 'partial';
  if (category === 'context_length') return 'context';
  if (['auth', 'permission', 'bad_request', 'content_policy'].includes(category)) return 'stop';
  return 'fallback';
}

const GEMINI: Fault[] = Object.entries(GEMINI_FAULTS).map(([name, c]) =>
  f('gemini', `sim-fault-${name}`, c.expect.category, expectFor(c.expect.category, c.expect.outputStarted), c.expect.retryAfterMs),
);

describe('Router fault matrix over the simulators (openai, anthropic, gemini, responses)', function () {
  // A hang guard, not a speed target: mutation runs instrument every line and run on a loaded machine.
  this.timeout(30_000);
  let fleet: SimFleet;
  before(async () => {
    fleet = await SimFleet.start();
  });
  after(async () => {
    await fleet.close();
  });

  for (const fault of [...OPENAI, ...ANTHROPIC, ...GEMINI, ...RESPONSES]) {
    it(`${fault.family} ${fault.model}: ${fault.category} → ${fault.expect}`, async () => {
      const fam = FAMILIES[fault.family];
      const M = 'test/model';
      const primary = fleet.provider(fault.family, 'primary');
      const backup = fleet.provider(fault.family, 'backup');
      const { router, health } = fleet.router(
        [primary, backup],
        [ep('primary', fault.model, M, { contextWindow: 8_000 }), ep('backup', fam.okModel, M, { contextWindow: 1_000_000 })],
      );
      const out = await drain(router.route({ models: [M], messages: [{ role: 'user', content: 'hi' }], preferences: { sort: 'price' } }));
      const first = out.real[0];
      assert.equal(first.endpoint.provider, 'primary');
      assert.equal(first.errorCategory, fault.category, first.reason);
      const h = health.endpoint(`primary:${fault.model}`)!;
      assert.equal(h.lastError?.category, fault.category);
      assert.equal(h.errorRate > 0, countsAgainstHealth(fault.category), 'health counts only endpoint failures');

      if (fault.expect === 'fallback' || fault.expect === 'context') {
        assert.equal(out.real.length, 2, 'one fallback');
        assert.equal(out.report.servedBy?.provider, 'backup');
        assert.equal(out.real[1].fallback, true);
        assert.equal(out.real[1].outcome, 'success');
        assert.ok(out.text.length > 0);
        assert.equal(out.error, undefined);
      } else if (fault.expect === 'stop') {
        assert.equal(out.real.length, 1, 'no fallback');
        assert.equal(out.error?.category, fault.category);
        assert.equal(out.report.servedBy, undefined);
        assert.equal(out.text, '');
      } else {
        assert.equal(out.real.length, 1, 'no retry after output started');
        assert.equal(first.outcome, 'partial');
        assert.equal(out.report.partial, true);
        assert.ok(out.text.length > 0, 'partial text kept');
        assert.match(out.error?.message ?? '', /Stopped mid-answer, on provider Sim primary/);
      }
    });

    if (fault.expect === 'fallback' && countsAgainstHealth(fault.category)) {
      it(`${fault.family} ${fault.model}: alone, it is retried${fault.retryAfterMs ? ` after ${fault.retryAfterMs} ms` : ' with backoff'}`, async () => {
        const only = fleet.provider(fault.family, 'only');
        const { router, waits, health } = fleet.router([only], [ep('only', fault.model, 'test/model')]);
        const out = await drain(router.route({ models: ['test/model'], messages: [{ role: 'user', content: 'hi' }], maxAttempts: 2 }));
        assert.deepEqual(
          out.real.map((a) => [a.retry, a.errorCategory]),
          [
            [0, fault.category],
            [1, fault.category],
          ],
        );
        assert.equal(waits.length, 1);
        if (fault.retryAfterMs) assert.ok(waits[0] >= fault.retryAfterMs, `waited ${waits[0]}`);
        assert.equal(out.error?.category, fault.category);
        assert.equal(health.endpoint(`only:${fault.model}`)?.errorRate, 1);
      });
    }
  }
});
