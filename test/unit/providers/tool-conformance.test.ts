// The official SDKs (openai, @anthropic-ai/sdk, @google/genai) read the same tool-call bytes as
// our adapters and must agree on every call's id, name and arguments, the text, the usage and
// the finish reason. A scenario an SDK cannot parse is a simulator bug.
import * as assert from 'node:assert/strict';
import { mapAnthropicStopReason } from '../../../src/core/providers/anthropic/map-stop-reason';
import { mapGeminiFinishReason } from '../../../src/core/providers/gemini/map-finish-reason';
import { mapOpenAIFinishReason } from '../../../src/core/providers/openai/map-finish-reason';
import type { FinishReason } from '../../../src/core/types';
import { SimServer } from '../../sim/server';
import { TOOL_SPECS } from '../../sim/tool-scenarios';
import { viaSdk } from './tool-sdk-views';
import { familyRig, FAMILIES, routerFor, runTools, type Family } from './tool-harness';

/** The SDK's raw finish reason in our terms; Gemini says STOP for a tool-calling turn. */
function sdkFinish(f: Family, raw: string | undefined, calls: number): FinishReason | undefined {
  if (raw === undefined) return undefined;
  if (f === 'openai') return mapOpenAIFinishReason(raw);
  if (f === 'anthropic') return mapAnthropicStopReason(raw);
  const r = mapGeminiFinishReason(raw);
  return r === 'stop' && calls > 0 ? 'tool_calls' : r;
}

const OK_SCENARIOS = ['tool-split', 'tool-parallel', 'tool-empty', 'tool-thinking'];

for (const family of FAMILIES) {
  describe(`${family}: tool calls agree with the official SDK`, () => {
    let sim: SimServer;
    before(async () => (sim = await SimServer.start(routerFor(family))));
    after(() => sim.close());

    for (const scenario of OK_SCENARIOS) {
      it(`${scenario}: same calls, text, usage and finish reason`, async () => {
        const model = familyRig(family, sim.url).model(scenario);
        const [sdk, ours] = await Promise.all([viaSdk(family, sim.url, model), runTools(family, sim.url, scenario)]);
        assert.equal(sdk.error, undefined, String(sdk.error));
        assert.equal(ours.error, undefined, ours.error?.message);
        assert.ok(sdk.calls.length > 0, 'the SDK sees the calls');
        // Gemini sends no ids: the SDK has none, and ours are generated.
        const idOf = (id: string | undefined) => (family === 'gemini' ? undefined : id);
        assert.deepEqual(
          ours.calls.map((c) => ({ id: idOf(c.id), name: c.name, args: c.args })),
          sdk.calls.map((c) => ({ id: idOf(c.id), name: c.name, args: c.args })),
        );
        assert.equal(ours.text, sdk.text);
        assert.deepEqual({ input: ours.usage?.inputTokens, output: ours.usage?.outputTokens }, sdk.usage);
        assert.equal(ours.finish, sdkFinish(family, sdk.finish, sdk.calls.length));
        if (TOOL_SPECS[scenario].signature && family !== 'openai') {
          const oursSig = family === 'gemini' ? ours.calls[0].signature : ours.reasoningParts[0]?.signature;
          assert.equal(oursSig, sdk.signature, 'same thinking signature');
        }
      });
    }

    it('tool-error: both fail, and neither reports a finished call', async () => {
      const model = familyRig(family, sim.url).model('tool-error');
      const [sdk, ours] = await Promise.all([viaSdk(family, sim.url, model), runTools(family, sim.url, 'tool-error')]);
      assert.ok(sdk.error, 'the SDK throws');
      assert.ok(ours.error, 'we report an error event');
      assert.equal(ours.calls.length, 0);
    });
  });
}
