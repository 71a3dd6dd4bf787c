// Streamed tool calls, put together per family from the simulator's real wire shapes.
import * as assert from 'node:assert/strict';
import { TOOL_SPECS } from '../../sim/tool-scenarios';
import { SimServer } from '../../sim/server';
import { FAMILIES, routerFor, runTools, type Family } from './tool-harness';

const parsed = (name: string) => TOOL_SPECS[name].calls.map((c) => ({ name: c.name, args: c.args ? JSON.parse(c.args) : {} }));

for (const family of FAMILIES) {
  describe(`${family} tool-call streams`, () => {
    let sim: SimServer;
    before(async () => (sim = await SimServer.start(routerFor(family))));
    after(() => sim.close());
    const idsFromWire = family !== 'gemini';

    it('arguments split across many chunks, and inside UTF-8 characters, arrive whole and parsed', async () => {
      const r = await runTools(family, sim.url, 'tool-split');
      assert.equal(r.error, undefined);
      assert.deepEqual(
        r.calls.map(({ name, args }) => ({ name, args })),
        parsed('tool-split'),
      );
      if (idsFromWire) assert.equal(r.calls[0].id, 'call_split_1');
      assert.equal(r.text, 'Checking the weather.');
      assert.equal(r.finish, 'tool_calls');
      assert.equal(r.usage?.inputTokens, 41);
      assert.equal(r.events.filter((e) => e.type === 'tool-call').length, 1, 'each call is reported once');
    });

    it('two parallel calls, interleaved on the wire, come out as two calls in order', async () => {
      const r = await runTools(family, sim.url, 'tool-parallel');
      assert.deepEqual(
        r.calls.map(({ name, args }) => ({ name, args })),
        parsed('tool-parallel'),
      );
      if (idsFromWire)
        assert.deepEqual(
          r.calls.map((c) => c.id),
          ['call_par_1', 'call_par_2'],
        );
      assert.equal(new Set(r.calls.map((c) => c.id)).size, 2, 'ids are distinct');
      assert.equal(r.finish, 'tool_calls');
    });

    it('a call with empty arguments has args {}', async () => {
      const r = await runTools(family, sim.url, 'tool-empty');
      assert.deepEqual(
        r.calls.map(({ name, args }) => ({ name, args })),
        [{ name: 'now', args: {} }],
      );
      assert.equal(r.invalid.length, 0);
    });

    it('a call after thinking keeps the signature for the next turn', async () => {
      const r = await runTools(family, sim.url, 'tool-thinking');
      assert.equal(r.reasoning, TOOL_SPECS['tool-thinking'].thinking);
      assert.equal(r.calls.length, 1);
      const sig = TOOL_SPECS['tool-thinking'].signature;
      if (family === 'gemini') assert.equal(r.calls[0].signature, sig, 'Gemini: on the functionCall part it came on');
      else if (family === 'anthropic')
        assert.deepEqual(r.reasoningParts, [
          { type: 'reasoning', text: TOOL_SPECS['tool-thinking'].thinking, signature: sig, family: 'anthropic' },
        ]);
      else assert.equal((r.reasoningParts[0].details?.[0] as { signature?: string }).signature, sig, 'OpenRouter: in reasoning_details');
      const order = r.events.map((e) => e.type).filter((t) => t === 'reasoning-part' || t === 'tool-call');
      assert.equal(order[order.length - 1], 'tool-call', 'reasoning state comes before the call it belongs to');
    });

    it('a mid-stream error during a call reports the error and no half-built call', async () => {
      const r = await runTools(family, sim.url, 'tool-error');
      assert.ok(r.error, 'an error event');
      assert.equal(r.calls.length, 0);
      assert.equal(r.finish, 'error');
    });

    if (family !== 'gemini') {
      it('arguments that are not JSON arrive as tool-call-invalid with the raw text', async () => {
        const r = await runTools(family, sim.url, 'tool-invalid');
        assert.equal(r.error, undefined);
        assert.equal(r.calls.length, 0);
        assert.deepEqual(
          r.invalid.map((e) => [e.id, e.name, e.rawArgs]),
          [['call_bad_1', 'get_weather', '{"city": Lima']],
        );
      });
    }
  });
}

describe('gemini generated call ids', () => {
  it('are the same for the same stream', async () => {
    const sim = await SimServer.start(routerFor('gemini' as Family));
    try {
      const a = await runTools('gemini', sim.url, 'tool-parallel');
      const b = await runTools('gemini', sim.url, 'tool-parallel');
      assert.deepEqual(
        a.calls.map((c) => c.id),
        b.calls.map((c) => c.id),
      );
      assert.ok(a.calls.every((c) => c.syntheticId === true));
    } finally {
      await sim.close();
    }
  });
});
