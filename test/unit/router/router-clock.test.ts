// The wall clock stepping back (NTP, a VM resuming) during a request must not produce negative
// durations: they are measured on a monotonic clock.
import * as assert from 'node:assert/strict';
import type { CallContext, ProtocolAdapter } from '../../../src/core/providers/descriptor';
import type { StreamEvent } from '../../../src/core/types';
import { ep } from './fakes';
import { drain, rig } from './setup';

/** A wall clock and a monotonic one, moved together except when the wall clock steps. */
class SteppingClock {
  wall = 1_700_000_000_000;
  mono = 5_000;
  now(): number {
    return this.wall;
  }
  monotonic(): number {
    return this.mono;
  }
  advance(ms: number): void {
    this.wall += ms;
    this.mono += ms;
  }
}

function steppingAdapter(clock: SteppingClock): ProtocolAdapter {
  return {
    family: 'openai',
    async *streamChat(_ctx: CallContext): AsyncIterable<StreamEvent> {
      clock.advance(10);
      yield { type: 'text-delta', text: 'hi' };
      // The wall clock steps back 3 s while the answer streams.
      clock.advance(3000);
      clock.wall -= 6000;
      yield { type: 'usage', usage: { inputTokens: 5, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 } };
      yield { type: 'finish', reason: 'stop' };
    },
    listModels: async () => [],
  };
}

describe('Router durations under a clock step', () => {
  it('measures an attempt on the monotonic clock when the wall clock steps back 3 s', async () => {
    const clock = new SteppingClock();
    const startWall = clock.wall;
    const r = rig({ endpoints: [ep('openai', 'm', 'acme/m')], deps: { clock, adapterFor: () => steppingAdapter(clock) } });
    const { real } = await drain(r.router.route({ models: ['acme/m'], messages: [{ role: 'user', content: 'q' }] }));
    assert.equal(real.length, 1);
    assert.equal(real[0].durationMs, 3010);
    assert.equal(real[0].ttftMs, 10);
    assert.equal(real[0].startedAt, startWall, 'the record keeps the wall-clock start for its day');
  });

  it('a clock without a monotonic source still never yields a negative duration', async () => {
    const clock = new SteppingClock();
    const wallOnly = { now: () => clock.now() };
    const r = rig({ endpoints: [ep('openai', 'm', 'acme/m')], deps: { clock: wallOnly, adapterFor: () => steppingAdapter(clock) } });
    const { real } = await drain(r.router.route({ models: ['acme/m'], messages: [{ role: 'user', content: 'q' }] }));
    assert.ok(real[0].durationMs >= 0, `durationMs ${real[0].durationMs}`);
    assert.ok((real[0].ttftMs ?? 0) >= 0);
  });
});
