// The chat footer and a compare column show the same stream with the same figures.
import * as assert from 'node:assert/strict';
import { TurnAccumulator } from '../../../src/app/chat/turn-accumulator';
import { metaOf, runComparison } from '../../../src/app/compare/run-comparison';
import type { CompareLane } from '../../../src/core/router/compare';
import type { AttemptReport, RouterEvent } from '../../../src/core/router/types';
import type { LaneResult } from '../../../src/shared/protocol';
import { ep } from '../router/fakes';

const a = ep('openai', 'gpt-a', 'acme/a');
const b = ep('groq', 'gpt-a', 'acme/a');
const c = ep('together', 'gpt-a', 'acme/a');
const usage = { inputTokens: 12, outputTokens: 40, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
const base = { retry: 0, fallback: false, startedAt: 0 };

const failed: AttemptReport = { ...base, endpoint: b, outcome: 'failed', durationMs: 30, reason: '503' };
const partial: AttemptReport = {
  ...base,
  endpoint: c,
  outcome: 'partial',
  fallback: true,
  durationMs: 400,
  ttftMs: 100,
  usage: { ...usage, outputTokens: 5 },
  usageEstimated: true,
  charge: { usd: 0.0005, status: 'estimated' },
};
const served: AttemptReport = {
  ...base,
  endpoint: a,
  outcome: 'success',
  fallback: true,
  durationMs: 1200,
  ttftMs: 200,
  usage,
  charge: { usd: 0.001, status: 'exact' },
};

/** One stream as the router sends it: two failed hosts (one billed for a partial answer), then the answer. */
const stream: RouterEvent[] = [
  { type: 'attempt', attempt: failed },
  { type: 'attempt', attempt: partial },
  { type: 'response-metadata', provider: 'openai' },
  { type: 'text-delta', text: 'Hel' },
  { type: 'text-delta', text: 'lo' },
  { type: 'usage', usage },
  { type: 'finish', reason: 'stop' },
  { type: 'route-report', report: { strategy: 'price', servedBy: a, attempts: [failed, partial, served] } },
];

async function column(): Promise<LaneResult> {
  async function* events() {
    yield* stream;
  }
  const lane: CompareLane = { model: 'acme/a', events: events(), result: Promise.resolve({ model: 'acme/a', text: '' }) };
  let result: LaneResult | undefined;
  await runComparison([lane], { delta: () => {}, meta: () => {}, done: (_l, r) => (result = r) }, { flushMs: 1 });
  return result!;
}

function footer() {
  let t = 0;
  const acc = new TurnAccumulator(
    { now: () => (t += 10) },
    (id) => id,
    (s) => s,
  );
  for (const ev of stream) acc.apply(ev);
  return acc.result(false).meta;
}

describe('chat footer and compare column of one stream', () => {
  it('show the same first-token time, speed, tokens and cost', async () => {
    const fromColumn = metaOf(await column())!;
    const fromChat = footer();
    for (const k of ['ttftMs', 'tokensPerSecond', 'usage', 'charge'] as const) assert.deepEqual(fromChat[k], fromColumn[k], k);
    assert.equal(fromChat.tokensPerSecond, 40, '40 tokens in the second after the first token');
    assert.deepEqual(fromChat.charge, { usd: 0.0015, status: 'exact' }, 'the billed partial answer elsewhere counts too');
  });

  it('count the same fallbacks', async () => {
    const hosts = new Set((footer().fallbacks ?? []).map((f) => `${f.provider}:${f.modelId}`));
    assert.equal((await column()).fallbacks, hosts.size);
    assert.equal(hosts.size, 2);
  });
});
