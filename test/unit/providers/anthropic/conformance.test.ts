// Conformance against the official @anthropic-ai/sdk: the SDK and our adapter read the same
// simulator bytes and must agree. A scenario the SDK cannot parse is a simulator bug.
import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { mapAnthropicStopReason } from '../../../../src/core/providers/anthropic/map-stop-reason';
import { FAULT_SCENARIOS, NORMAL_SCENARIOS, partialText } from '../../../sim/anthropic';
import { SENTINEL_KEY, startRig, type Collected, type Rig } from './harness';

interface SdkResult {
  text: string;
  thinking: string;
  message?: Anthropic.Message;
  error?: unknown;
}

/** Runs one request through the SDK's streaming helper, keeping text seen before any failure. */
async function viaSdk(client: Anthropic, model: string): Promise<SdkResult> {
  const r: SdkResult = { text: '', thinking: '' };
  const stream = client.messages.stream({ model, max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] });
  stream.on('text', (t) => (r.text += t));
  stream.on('thinking', (t) => (r.thinking += t));
  try {
    r.message = await stream.finalMessage();
  } catch (e) {
    r.error = e;
  }
  return r;
}

describe('anthropic adapter vs @anthropic-ai/sdk', () => {
  let rig: Rig;
  let client: Anthropic;
  before(async () => {
    rig = await startRig({ idleTimeoutMs: 2_000 });
    client = new Anthropic({ baseURL: rig.sim.url, apiKey: SENTINEL_KEY, maxRetries: 0, timeout: 5_000, logLevel: 'off' });
  });
  after(async () => rig.close());

  for (const name of Object.keys(NORMAL_SCENARIOS)) {
    it(`sim/${name}: same text, thinking, usage and stop reason`, async () => {
      const model = `sim/${name}`;
      const [sdk, ours] = await Promise.all([viaSdk(client, model), rig.run(model)]);
      assert.equal(sdk.error, undefined, String(sdk.error));
      assert.equal(ours.error, undefined, ours.error?.message);
      const msg = sdk.message!;
      const blocks = msg.content;
      const sdkText = blocks.map((b) => (b.type === 'text' ? b.text : '')).join('');
      const sdkThinking = blocks.map((b) => (b.type === 'thinking' ? b.thinking : '')).join('');
      assert.equal(ours.text, sdkText);
      assert.equal(ours.text, sdk.text);
      assert.equal(ours.reasoning, sdkThinking);
      assert.equal(ours.reasoning, sdk.thinking);
      assertSameUsage(ours, msg.usage);
      assert.equal(ours.finish?.rawReason, msg.stop_reason);
      assert.equal(ours.finish?.reason, mapAnthropicStopReason(msg.stop_reason));
      assert.equal(Object.assign({}, ...ours.metadata).modelId, msg.model);
    });
  }

  // Faults after the 200: both must fail, and both must have shown the same text first.
  for (const name of ['fault-midstream', 'fault-reset', 'fault-malformed', 'fault-no-stop']) {
    it(`sim/${name}: both fail after the same partial text`, async () => {
      const model = `sim/${name}`;
      const [sdk, ours] = await Promise.all([viaSdk(client, model), rig.run(model)]);
      assert.ok(sdk.error, 'the SDK fails too');
      assert.ok(ours.error, 'we fail');
      assert.equal(ours.text, sdk.text);
      assert.equal(ours.text, partialText());
      assert.equal(ours.error.outputStarted, true);
    });
  }

  it('sim/fault-midstream: both read the error type from the event', async () => {
    const [sdk, ours] = await Promise.all([viaSdk(client, 'sim/fault-midstream'), rig.run('sim/fault-midstream')]);
    assert.ok(sdk.error instanceof Anthropic.APIError);
    assert.equal((sdk.error.error as { error?: { type?: string } }).error?.type, ours.error?.code);
    assert.equal(ours.error?.code, 'overloaded_error');
  });

  // Faults before the first byte: the SDK's status must match ours.
  const httpFaults = Object.keys(FAULT_SCENARIOS).filter((n) => /^fault-\d|fault-(context|credit|bad-request)$/.test(n));
  for (const name of httpFaults) {
    it(`sim/${name}: same HTTP status as the SDK`, async () => {
      const model = `sim/${name}`;
      const [sdk, ours] = await Promise.all([viaSdk(client, model), rig.run(model)]);
      assert.ok(sdk.error instanceof Anthropic.APIError, String(sdk.error));
      assert.equal(ours.error?.status, sdk.error.status);
      assert.equal(ours.error?.outputStarted, false);
      assert.equal(sdk.text, '');
      assert.equal(ours.text, '');
    });
  }
});

function assertSameUsage(ours: Collected, u: Anthropic.Usage): void {
  const cacheRead = u.cache_read_input_tokens ?? 0;
  const cacheWrite = u.cache_creation_input_tokens ?? 0;
  // Our inputTokens includes the cache; Anthropic's input_tokens does not.
  assert.equal(ours.usage?.inputTokens, u.input_tokens + cacheRead + cacheWrite);
  assert.equal(ours.usage?.outputTokens, u.output_tokens);
  assert.equal(ours.usage?.cacheReadTokens, cacheRead);
  assert.equal(ours.usage?.cacheWriteTokens, cacheWrite);
  assert.equal(ours.usage?.reasoningTokens, u.output_tokens_details?.thinking_tokens ?? 0);
}
