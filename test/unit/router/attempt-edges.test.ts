// One attempt at one host, as the caller and the ledger see it: streams that end oddly, adapters
// that throw, speed figures, and the price of output that came without a usage report.
import * as assert from 'node:assert/strict';
import type { Charge } from '../../../src/core/catalog/types';
import { ProviderError } from '../../../src/core/errors';
import type { CallContext, ProtocolAdapter } from '../../../src/core/providers/descriptor';
import type { ChatRequest, StreamEvent, Usage } from '../../../src/core/types';
import { ep, type FakeClock } from './fakes';
import { drain, rig, type Rig } from './setup';

const M = 'acme/model';
const req = { models: [M], messages: [{ role: 'user' as const, content: 'hi' }], preferences: { sort: 'price' as const } };
const usage = (outputTokens: number): Usage => ({
  inputTokens: 10,
  outputTokens,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
});

/** A step of a scripted stream: an event, a clock move, or a throw. */
type Step = StreamEvent | { wait: number } | { throw: unknown };

/** An adapter playing one script per provider on the rig's clock; unscripted providers answer "ok". */
function scripted(clockRef: { clock?: FakeClock }, scripts: Record<string, Step[]>): ProtocolAdapter & { calls: string[] } {
  const calls: string[] = [];
  return {
    family: 'openai',
    calls,
    async *streamChat(ctx: CallContext, _r: ChatRequest): AsyncIterable<StreamEvent> {
      calls.push(ctx.descriptor.id);
      const steps = scripts[ctx.descriptor.id] ?? [
        { type: 'text-delta', text: 'ok' },
        { type: 'finish', reason: 'stop' },
      ];
      for (const s of steps) {
        await Promise.resolve();
        if ('wait' in s) clockRef.clock!.advance(s.wait);
        else if ('throw' in s) throw s.throw;
        else yield s;
      }
    },
    listModels: async () => [],
  };
}

function withScripts(scripts: Record<string, Step[]>, deps: Parameters<typeof rig>[0]['deps'] = {}): Rig & { calls: string[] } {
  const ref: { clock?: FakeClock } = {};
  const adapter = scripted(ref, scripts);
  const r = rig({
    endpoints: [ep('a', 'm', M, { price: { inputPerMTok: 1, outputPerMTok: 1 } }), ep('b', 'm', M)],
    deps: { ...deps, adapterFor: () => adapter },
  });
  ref.clock = r.clock;
  return { ...r, calls: adapter.calls };
}

describe('Router: how one attempt ends', () => {
  it('a stream that ends without a finish event, before any output, is retryable: the next host serves', async () => {
    const r = withScripts({ a: [{ type: 'response-metadata', provider: 'a' }] });
    const out = await drain(r.router.route(req));
    assert.equal(out.report.servedBy?.provider, 'b');
    assert.equal(out.real[0].errorCategory, 'protocol');
    assert.equal(out.real[0].reason, 'A ended the stream without finishing.');
    assert.equal(out.text, 'ok');
  });

  it('a stream cut off after output, without a finish event, keeps the partial answer and says so', async () => {
    const r = withScripts({ a: [{ type: 'text-delta', text: 'half an ans' }] });
    const out = await drain(r.router.route(req));
    assert.equal(out.text, 'half an ans');
    assert.deepEqual(r.calls, ['a']);
    assert.equal(out.real[0].outcome, 'partial');
    assert.match(out.error?.message ?? '', /^Stopped mid-answer, on provider A: A ended the stream without finishing\./);
  });

  it('a finish with reason "error" and no error event after output is a partial answer with a server error', async () => {
    const r = withScripts({
      a: [
        { type: 'text-delta', text: 'so far' },
        { type: 'finish', reason: 'error' },
      ],
    });
    const out = await drain(r.router.route(req));
    assert.equal(out.real[0].outcome, 'partial');
    assert.equal(out.real[0].errorCategory, 'server');
    assert.match(out.error?.message ?? '', /A ended the answer with an error\./);
    assert.deepEqual(r.calls, ['a']);
  });

  it('a finish with reason "error" before any output moves on to the next host', async () => {
    const r = withScripts({ a: [{ type: 'finish', reason: 'error' }] });
    const out = await drain(r.router.route(req));
    assert.equal(out.real[0].outcome, 'failed');
    assert.equal(out.real[0].errorCategory, 'server');
    assert.equal(out.report.servedBy?.provider, 'b');
  });

  it('an adapter that throws is a network failure of that host, not a crash of the route', async () => {
    const r = withScripts({ a: [{ throw: new Error('socket hang up') }] });
    const out = await drain(r.router.route(req));
    assert.equal(out.real[0].errorCategory, 'network');
    assert.equal(out.real[0].reason, 'Network error talking to a: socket hang up.');
    assert.equal(out.report.servedBy?.provider, 'b');
  });

  it('an adapter that throws after output leaves a partial answer, not a retry', async () => {
    const r = withScripts({ a: [{ type: 'text-delta', text: 'begun' }, { throw: new Error('reset') }] });
    const out = await drain(r.router.route(req));
    assert.equal(out.text, 'begun');
    assert.equal(out.real[0].outcome, 'partial');
    assert.deepEqual(r.calls, ['a']);
  });

  it("the host's key is removed from an error message an adapter did not redact", async () => {
    const key = 'sk-test-SENTINEL-a';
    const leak = new ProviderError({ category: 'bad_request', provider: 'a', message: `invalid request for key ${key}`, status: 400 });
    const r = withScripts({
      a: [
        { type: 'error', error: leak },
        { type: 'finish', reason: 'error' },
      ],
    });
    const out = await drain(r.router.route(req));
    assert.ok(!JSON.stringify(out.events).includes(key), 'no event carries the key');
    assert.ok(!(out.real[0].reason ?? '').includes(key));
    assert.match(out.error?.message ?? '', /invalid request for key/);
  });
});

describe('Router: speed figures of an attempt', () => {
  it('time to first token and throughput come from the stream, over the time after the first token', async () => {
    const r = withScripts({
      a: [
        { wait: 200 },
        { type: 'text-delta', text: 'one' },
        { wait: 2000 },
        { type: 'text-delta', text: ' two' },
        { type: 'usage', usage: usage(100) },
        { type: 'finish', reason: 'stop' },
      ],
    });
    const out = await drain(r.router.route(req));
    assert.equal(out.real[0].ttftMs, 200);
    assert.equal(out.real[0].durationMs, 2200);
    assert.equal(out.real[0].tokensPerSec, 50);
    assert.equal(r.health.endpoint('a:m')?.tokensPerSec.ewma, 50, 'what the board ranks hosts by');
  });

  it('without a usage report, output tokens are counted as a quarter of the characters', async () => {
    const r = withScripts({
      a: [
        { type: 'text-delta', text: 'x'.repeat(7) },
        { wait: 1000 },
        { type: 'reasoning-delta', text: 'y'.repeat(2) },
        { type: 'finish', reason: 'stop' },
      ],
    });
    const out = await drain(r.router.route(req));
    assert.equal(out.real[0].tokensPerSec, 3);
  });

  it('no throughput from a single token or from no time at all', async () => {
    const one = withScripts({
      a: [{ type: 'text-delta', text: 'x' }, { wait: 500 }, { type: 'usage', usage: usage(1) }, { type: 'finish', reason: 'stop' }],
    });
    assert.equal((await drain(one.router.route(req))).real[0].tokensPerSec, undefined);
    const instant = withScripts({
      a: [
        { type: 'text-delta', text: 'x' },
        { type: 'usage', usage: usage(40) },
        { type: 'finish', reason: 'stop' },
      ],
    });
    assert.equal((await drain(instant.router.route(req))).real[0].tokensPerSec, undefined);
  });

  it('a tool call is the first output: it sets the time to first token', async () => {
    const r = withScripts({
      a: [
        { wait: 300 },
        { type: 'tool-call', call: { type: 'tool-call', id: 'c1', name: 'lookup', args: {} } },
        { type: 'finish', reason: 'tool_calls' },
      ],
    });
    const out = await drain(r.router.route(req));
    assert.equal(out.real[0].ttftMs, 300);
  });

  it('a finished reasoning block or an invalid tool call is output too: it sets the time to first token', async () => {
    for (const first of [
      { type: 'reasoning-part', part: { type: 'reasoning', text: 'thought' } },
      { type: 'tool-call-invalid', id: 'c1', name: 'lookup', rawArgs: '{', reason: 'not JSON' },
    ] as StreamEvent[]) {
      const r = withScripts({ a: [{ wait: 120 }, first, { wait: 5 }, { type: 'finish', reason: 'stop' }] });
      const out = await drain(r.router.route(req));
      assert.equal(out.real[0].ttftMs, 120, first.type);
    }
  });

  it('a later metadata event without rate-limit headers keeps the earlier headroom', async () => {
    const r = withScripts({
      a: [
        { type: 'response-metadata', provider: 'a', rateLimit: { requestsLimit: 100, requestsRemaining: 5 } },
        { type: 'text-delta', text: 'ok' },
        { type: 'response-metadata', provider: 'a' },
        { type: 'finish', reason: 'stop' },
      ],
    });
    await drain(r.router.route(req));
    assert.equal(r.health.endpoint('a:m')?.headroom, 0.05);
  });

  it('an attempt without warnings carries no warning list', async () => {
    const r = withScripts({});
    assert.equal((await drain(r.router.route(req))).real[0].warnings, undefined);
  });

  it('an answer with no output has no time to first token', async () => {
    const r = withScripts({ a: [{ wait: 50 }, { type: 'usage', usage: usage(0) }, { type: 'finish', reason: 'stop' }] });
    const out = await drain(r.router.route(req));
    assert.equal(out.real[0].outcome, 'success');
    assert.equal(out.real[0].ttftMs, undefined);
    assert.deepEqual(
      out.events.map((e) => e.type).filter((t) => t !== 'attempt'),
      ['usage', 'finish', 'route-report'],
      'the usage held back is still delivered',
    );
  });
});

describe('Router: the charge of output that came without a usage report', () => {
  const estimate = () => usage(5);
  for (const [status, expected] of [
    ['exact', 'estimated'],
    ['provider_reported', 'estimated'],
    ['estimated', 'estimated'],
    ['unpriced', 'unpriced'],
    ['free', 'free'],
  ] as const) {
    it(`a charge of status ${status} for estimated usage of estimated usage is recorded as ${expected}`, async () => {
      const charge: Charge = { usd: status === 'unpriced' || status === 'free' ? 0 : 0.5, status } as Charge;
      const r = withScripts({ a: [{ type: 'text-delta', text: 'cut' }] }, { priceOf: () => charge, estimateUsage: estimate });
      const out = await drain(r.router.route(req));
      assert.equal(out.real[0].usageEstimated, true);
      assert.deepEqual(out.real[0].usage, usage(5));
      assert.equal(out.real[0].charge?.status, expected);
      assert.equal(out.real[0].charge?.usd, charge.usd);
      assert.equal(r.recorded[0].charge?.status, expected, 'what the ledger is handed');
    });
  }

  it('usage is estimated even where nothing prices it', async () => {
    const r = withScripts({ a: [{ type: 'text-delta', text: 'cut' }] }, { estimateUsage: estimate });
    const out = await drain(r.router.route(req));
    assert.equal(out.real[0].usageEstimated, true);
    assert.equal(out.real[0].charge, undefined);
  });

  it('estimated usage that cannot be priced stays unpriced: no charge, usage kept', async () => {
    const r = withScripts({ a: [{ type: 'text-delta', text: 'cut' }] }, { priceOf: () => undefined, estimateUsage: estimate });
    const out = await drain(r.router.route(req));
    assert.equal(out.real[0].charge, undefined);
    assert.equal(out.real[0].usageEstimated, true);
  });

  it('reported usage is priced as reported, not marked estimated', async () => {
    const r = withScripts(
      {
        a: [
          { type: 'text-delta', text: 'all' },
          { type: 'usage', usage: usage(3) },
          { type: 'finish', reason: 'stop' },
        ],
      },
      { priceOf: () => ({ usd: 0.25, status: 'exact' }), estimateUsage: () => assert.fail('estimated a reported usage') },
    );
    const out = await drain(r.router.route(req));
    assert.deepEqual(out.real[0].charge, { usd: 0.25, status: 'exact' });
    assert.equal(out.real[0].usageEstimated, undefined);
  });
});
