// The three readers of each stream family for stream-families.bench.ts: the floor, the official
// SDK and our adapter. The bench loads this module from a production-style bundle (bundled.ts),
// with the measuring loop it re-exports, so what is timed is the code users run.
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { Agent } from 'undici';
import { HttpClient } from '../../src/core/http/client';
import { anthropicAdapter } from '../../src/core/providers/anthropic/adapter';
import { ANTHROPIC_PRESET, ANTHROPIC_VERSION } from '../../src/core/providers/anthropic/preset';
import type { ProtocolAdapter, ProviderDescriptor } from '../../src/core/providers/descriptor';
import { geminiAdapter } from '../../src/core/providers/gemini/adapter';
import { GEMINI_PRESET } from '../../src/core/providers/gemini/preset';
import { openaiAdapter } from '../../src/core/providers/openai/adapter';
import { customOpenAIProvider } from '../../src/core/providers/openai/presets';
import type { FamilyReaders } from './family-compare';
import { floorStream, type StreamRun } from './floor';

export { compareFamily } from './family-compare';

const KEY = 'sk-test-SENTINEL-bench-families-00';
const MODEL = 'bench-model';
const MESSAGES = [{ role: 'user' as const, content: 'go' }];

/** Our adapter's read: counts text deltas, fails on an error event or an unfinished answer. */
async function oursRead(adapter: ProtocolAdapter, descriptor: ProviderDescriptor, http: HttpClient): Promise<StreamRun> {
  const t0 = performance.now();
  let ttftMs = -1;
  let tokens = 0;
  let finished = false;
  for await (const e of adapter.streamChat({ descriptor, http, apiKey: KEY }, { model: MODEL, messages: MESSAGES })) {
    if (e.type === 'text-delta') {
      if (ttftMs < 0) ttftMs = performance.now() - t0;
      tokens++;
    } else if (e.type === 'finish') finished = e.reason === 'stop';
    else if (e.type === 'error') throw e.error;
  }
  if (!finished) throw new Error(`${descriptor.id}: the answer did not finish`);
  return { ttftMs, tokens };
}

/** Counts the tokens of an SDK's stream with `textOf` picking each item's text. */
async function sdkRead<T>(start: () => Promise<AsyncIterable<T>>, textOf: (item: T) => string | undefined | null): Promise<StreamRun> {
  const t0 = performance.now();
  let ttftMs = -1;
  let tokens = 0;
  for await (const item of await start()) {
    if (textOf(item)) {
      if (ttftMs < 0) ttftMs = performance.now() - t0;
      tokens++;
    }
  }
  return { ttftMs, tokens };
}

// The floor reads raw JSON: one field access per payload, as any client must.
type Obj = Record<string, any>;

/** Each family's three readers over the simulator at `url`, sharing one pool each. */
export function familyReaders(url: string): { readers: Record<string, FamilyReaders>; close: () => Promise<void> } {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const http = new HttpClient();
  const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: KEY, maxRetries: 0 });
  const anthropic = new Anthropic({ baseURL: url, apiKey: KEY, maxRetries: 0 });
  const gemini = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: url } });
  const json = { 'content-type': 'application/json' };
  const openaiDescriptor = customOpenAIProvider({ id: 'bench', displayName: 'Bench', baseUrl: `${url}/v1` });
  const readers: Record<string, FamilyReaders> = {
    openai: {
      floor: () =>
        floorStream(
          agent,
          () => ({
            url: `${url}/v1/chat/completions`,
            headers: { ...json, authorization: `Bearer ${KEY}` },
            body: JSON.stringify({ model: MODEL, messages: MESSAGES, stream: true, stream_options: { include_usage: true } }),
          }),
          (p) => (p as Obj).choices?.[0]?.delta?.content,
        ),
      sdk: () =>
        sdkRead(
          () => openai.chat.completions.create({ model: MODEL, messages: MESSAGES, stream: true }),
          (c) => c.choices[0]?.delta?.content,
        ),
      ours: () => oursRead(openaiAdapter, openaiDescriptor, http),
    },
    anthropic: {
      floor: () =>
        floorStream(
          agent,
          () => ({
            url: `${url}/v1/messages`,
            headers: { ...json, 'x-api-key': KEY, 'anthropic-version': ANTHROPIC_VERSION },
            body: JSON.stringify({ model: MODEL, max_tokens: 8192, messages: MESSAGES, stream: true }),
          }),
          (p) => ((p as Obj).type === 'content_block_delta' ? (p as Obj).delta?.text : undefined),
        ),
      sdk: () =>
        sdkRead(
          () => anthropic.messages.create({ model: MODEL, max_tokens: 8192, messages: MESSAGES, stream: true }),
          (e) => (e.type === 'content_block_delta' && e.delta.type === 'text_delta' ? e.delta.text : undefined),
        ),
      ours: () => oursRead(anthropicAdapter, { ...ANTHROPIC_PRESET, baseUrl: `${url}/v1` }, http),
    },
    gemini: {
      floor: () =>
        floorStream(
          agent,
          () => ({
            url: `${url}/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`,
            headers: { ...json, 'x-goog-api-key': KEY },
            body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'go' }] }] }),
          }),
          (p) => (p as Obj).candidates?.[0]?.content?.parts?.[0]?.text,
        ),
      sdk: () =>
        sdkRead(
          () => gemini.models.generateContentStream({ model: MODEL, contents: 'go' }),
          (r) => r.candidates?.[0]?.content?.parts?.[0]?.text,
        ),
      ours: () => oursRead(geminiAdapter, { ...GEMINI_PRESET, baseUrl: `${url}/v1beta` }, http),
    },
  };
  const close = async () => {
    await http.close();
    await agent.close();
  };
  return { readers, close };
}
