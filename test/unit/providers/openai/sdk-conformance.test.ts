// Conformance: the official `openai` SDK and our adapter read the simulator's streams the
// same way. A scenario the SDK cannot parse would be a simulator bug, not an adapter feature.
import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { SimServer } from '../../../sim/server';
import { openaiRouter } from '../../../sim/openai';
import { run, SENTINEL_KEY } from './helpers';

interface SdkResult {
  text: string;
  reasoning: string;
  usage?: { prompt: number; completion: number; cached: number; reasoning: number };
  finish?: string;
  error?: unknown;
}

async function viaSdk(client: OpenAI, model: string): Promise<SdkResult> {
  const r: SdkResult = { text: '', reasoning: '' };
  try {
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) {
      const c = chunk.choices[0];
      if (c?.delta?.content) r.text += c.delta.content;
      const d = c?.delta as { reasoning_content?: string; reasoning?: string } | undefined;
      const reasoning = d?.reasoning_content ?? d?.reasoning;
      if (reasoning) r.reasoning += reasoning;
      if (c?.finish_reason) r.finish = c.finish_reason;
      if (chunk.usage) {
        r.usage = {
          prompt: chunk.usage.prompt_tokens,
          completion: chunk.usage.completion_tokens,
          cached: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
          reasoning: chunk.usage.completion_tokens_details?.reasoning_tokens ?? 0,
        };
      }
    }
  } catch (e) {
    r.error = e;
  }
  return r;
}

const NORMAL = [
  'sim/text',
  'sim/echo',
  'sim/usage-last-chunk',
  'sim/usage-none',
  'sim/openrouter',
  'sim/reasoning',
  'sim/reasoning-openrouter',
  'sim/length',
  'sim/content-filter',
  'sim/finish-no-done',
  'sim/split-utf8',
  'sim/crlf',
  'sim/slow',
];

describe('openai adapter vs the official openai SDK', () => {
  let sim: SimServer;
  let client: OpenAI;
  before(async () => {
    sim = await SimServer.start(openaiRouter());
    client = new OpenAI({ baseURL: `${sim.url}/v1`, apiKey: SENTINEL_KEY, maxRetries: 0 });
  });
  after(() => sim.close());

  for (const model of NORMAL) {
    it(`${model}: same text, reasoning, usage and finish reason`, async () => {
      const sdk = await viaSdk(client, model);
      const ours = await run(`${sim.url}/v1`, model);
      assert.equal(sdk.error, undefined, 'the SDK parses the scenario');
      assert.equal(ours.error, undefined);
      assert.ok(sdk.text.length > 0);
      assert.equal(ours.text, sdk.text);
      assert.equal(ours.reasoning, sdk.reasoning);
      assert.equal(ours.finish, sdk.finish);
      if (sdk.usage) {
        assert.deepEqual(
          {
            prompt: ours.usage?.inputTokens,
            completion: ours.usage?.outputTokens,
            cached: ours.usage?.cacheReadTokens,
            reasoning: ours.usage?.reasoningTokens,
          },
          sdk.usage,
        );
      } else assert.equal(ours.usage, undefined);
    });
  }

  it('sim/mid-stream-error: both report an error, after the same text', async () => {
    const sdk = await viaSdk(client, 'sim/mid-stream-error');
    const ours = await run(`${sim.url}/v1`, 'sim/mid-stream-error');
    assert.ok(sdk.error instanceof OpenAI.APIError, 'the SDK throws the in-band error');
    assert.match((sdk.error as Error).message, /Provider disconnected unexpectedly/);
    assert.ok(ours.error);
    assert.match(ours.error.message, /Provider disconnected unexpectedly/);
    assert.equal(ours.textBeforeError, sdk.text);
    assert.equal(sdk.text, 'Partial answer');
  });
});
