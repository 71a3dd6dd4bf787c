// The official @google/genai SDK and our adapter read the same simulated bytes and must agree.
// A scenario the SDK cannot parse is a bug in the simulator, so this also keeps the simulator honest.
import { strict as assert } from 'node:assert';
import { GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import type { HttpClient } from '../../../../src/core/http/client';
import { geminiAdapter } from '../../../../src/core/providers/gemini/adapter';
import { mapGeminiFinishReason } from '../../../../src/core/providers/gemini/map-finish-reason';
import type { Usage } from '../../../../src/core/types';
import { GEMINI_FAULTS, GEMINI_NORMAL, geminiRouter } from '../../../sim/gemini';
import { SimServer } from '../../../sim/server';
import { fold, SENTINEL_KEY, simContext, testClient } from './helpers';

/** What the SDK's user would conclude from a stream. */
interface SdkView {
  text: string;
  reasoning: string;
  usage?: Usage;
  finishRaw?: string;
  blockReason?: string;
  error?: unknown;
}

async function viaSdk(ai: GoogleGenAI, model: string): Promise<SdkView> {
  const v: SdkView = { text: '', reasoning: '' };
  try {
    const stream = await ai.models.generateContentStream({ model, contents: 'Hi' });
    for await (const chunk of stream as AsyncGenerator<GenerateContentResponse>) {
      for (const p of chunk.candidates?.[0]?.content?.parts ?? []) {
        if (typeof p.text !== 'string') continue;
        if (p.thought) v.reasoning += p.text;
        else v.text += p.text;
      }
      const u = chunk.usageMetadata;
      // Written out here rather than reusing mapGeminiUsage, so a wrong formula there shows up.
      if (u) {
        v.usage = {
          inputTokens: u.promptTokenCount ?? 0,
          outputTokens: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0),
          cacheReadTokens: u.cachedContentTokenCount ?? 0,
          cacheWriteTokens: 0,
          reasoningTokens: u.thoughtsTokenCount ?? 0,
        };
      }
      v.finishRaw = chunk.candidates?.[0]?.finishReason ?? v.finishRaw;
      v.blockReason = chunk.promptFeedback?.blockReason ?? v.blockReason;
    }
  } catch (e) {
    v.error = e;
  }
  return v;
}

describe('gemini conformance with @google/genai', () => {
  let sim: SimServer;
  let http: HttpClient;
  let ai: GoogleGenAI;
  before(async () => {
    sim = await SimServer.start(geminiRouter());
    http = testClient();
    ai = new GoogleGenAI({ apiKey: SENTINEL_KEY, httpOptions: { baseUrl: sim.url } });
  });
  after(async () => {
    await http.close();
    await sim.close();
  });

  for (const name of Object.keys(GEMINI_NORMAL)) {
    it(`sim-${name}: same text, reasoning, usage and finish`, async () => {
      const sdk = await viaSdk(ai, `sim-${name}`);
      assert.equal(sdk.error, undefined, `the SDK failed on the simulator's bytes: ${String(sdk.error)}`);
      const ours = await fold(
        geminiAdapter.streamChat(simContext(sim.url, http), { model: `sim-${name}`, messages: [{ role: 'user', content: 'Hi' }] }),
      );
      assert.equal(ours.text, sdk.text);
      assert.equal(ours.reasoning, sdk.reasoning);
      if (sdk.blockReason && !sdk.finishRaw) {
        assert.deepEqual(ours.usage, sdk.usage ?? undefined);
        assert.equal(ours.finish, 'content_filter');
        return;
      }
      assert.deepEqual(ours.usage, sdk.usage);
      assert.ok(sdk.finishRaw, 'the SDK saw a finish reason');
      assert.equal(ours.finish, mapGeminiFinishReason(sdk.finishRaw));
    });
  }

  for (const name of ['mid-stream', 'mid-stream-chunked', 'mid-stream-frame', 'mid-stream-quota']) {
    it(`sim-fault-${name}: both fail, after the same partial text`, async () => {
      const sdk = await viaSdk(ai, `sim-fault-${name}`);
      assert.ok(sdk.error, 'the SDK reports a failure');
      const ours = await fold(
        geminiAdapter.streamChat(simContext(sim.url, http), { model: `sim-fault-${name}`, messages: [{ role: 'user', content: 'Hi' }] }),
      );
      assert.equal(ours.finish, 'error');
      assert.equal(ours.text, sdk.text);
      assert.equal(ours.text, GEMINI_FAULTS[name].expect.partialText);
      // The SDK's ApiError carries the in-band code; ours must classify the same status.
      const sdkStatus = (sdk.error as { status?: number }).status;
      if (sdkStatus !== undefined) assert.equal(ours.error?.status, sdkStatus);
    });
  }

  it('builds the same request body as the SDK for the same conversation', async () => {
    const before = sim.requests.length;
    const image = { mimeType: 'image/png', data: 'iVBORw0KGgo=' };
    await viaSdk2(ai);
    await fold(
      geminiAdapter.streamChat(simContext(sim.url, http), {
        model: 'sim-hello',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'And this?' },
              { type: 'image', mediaType: image.mimeType, data: image.data },
            ],
          },
        ],
        temperature: 0.3,
        maxOutputTokens: 100,
        stopSequences: ['END'],
        providerOptions: { gemini: { thinkingBudget: 1024, includeThoughts: true } },
      }),
    );
    const [sdkReq, ourReq] = sim.requests.slice(before);
    assert.equal(ourReq.path, sdkReq.path);
    assert.equal(ourReq.query.get('alt'), sdkReq.query.get('alt'));
    assert.equal(ourReq.headers['x-goog-api-key'], sdkReq.headers['x-goog-api-key']);
    const sdkBody = sdkReq.body as Record<string, unknown>;
    // The SDK tags the system instruction with role "user"; the API ignores a role there.
    const sys = { ...(sdkBody.systemInstruction as Record<string, unknown>) };
    delete sys.role;
    assert.deepEqual({ ...sdkBody, systemInstruction: sys }, ourReq.body);

    async function viaSdk2(client: GoogleGenAI): Promise<void> {
      const s = await client.models.generateContentStream({
        model: 'sim-hello',
        contents: [
          { role: 'user', parts: [{ text: 'Hi' }] },
          { role: 'model', parts: [{ text: 'Hello' }] },
          { role: 'user', parts: [{ text: 'And this?' }, { inlineData: image }] },
        ],
        config: {
          systemInstruction: 'Be brief.',
          temperature: 0.3,
          maxOutputTokens: 100,
          stopSequences: ['END'],
          thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
        },
      });
      for await (const _ of s) void _;
    }
  });
});
