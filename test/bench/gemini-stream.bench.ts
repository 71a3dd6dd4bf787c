// Gemini figures: our adapter against the official @google/genai SDK on the same simulated
// bytes over loopback (time to first token, a 2,000-frame stream), and the mapper alone.
import { GoogleGenAI } from '@google/genai';
import { HttpClient } from '../../src/core/http/client';
import { geminiAdapter } from '../../src/core/providers/gemini/adapter';
import { GEMINI_PRESET } from '../../src/core/providers/gemini/preset';
import { createGeminiStreamMapper } from '../../src/core/providers/gemini/stream-mapper';
import { geminiFrame, geminiRouter, geminiStream, type SimFrame } from '../sim/gemini';
import { SimServer } from '../sim/server';
import type { BenchResult } from './run';

const KEY = 'sk-test-SENTINEL-bench-000000';
const BIG = 2000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

/** Runs the Gemini benchmarks. */
export async function run(): Promise<BenchResult[]> {
  const frames: SimFrame[] = Array.from({ length: BIG }, (_, i) => ({
    parts: [{ text: `token ${i} ` }],
    usage: { prompt: 50, candidates: i + 1 },
    finishReason: i === BIG - 1 ? 'STOP' : undefined,
  }));
  const big = geminiStream(frames);
  const sim = await SimServer.start(geminiRouter({ pick: (model) => (model === 'bench-big' ? big : undefined) }));
  const http = new HttpClient();
  const ctx = { descriptor: { ...GEMINI_PRESET, baseUrl: `${sim.url}/v1beta` }, http, apiKey: KEY };
  const ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: sim.url } });
  const req = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'Hi' }] });

  async function oursTtft(): Promise<number> {
    const t = process.hrtime.bigint();
    let first = 0;
    for await (const e of geminiAdapter.streamChat(ctx, req('sim-hello'))) if (e.type === 'text-delta' && !first) first = ms(t);
    return first;
  }
  async function sdkTtft(): Promise<number> {
    const t = process.hrtime.bigint();
    let first = 0;
    for await (const c of await ai.models.generateContentStream({ model: 'sim-hello', contents: 'Hi' }))
      if (c.text && !first) first = ms(t);
    return first;
  }
  async function oursBig(): Promise<number> {
    const t = process.hrtime.bigint();
    for await (const _ of geminiAdapter.streamChat(ctx, req('bench-big'))) void _;
    return ms(t);
  }
  async function sdkBig(): Promise<number> {
    const t = process.hrtime.bigint();
    for await (const _ of await ai.models.generateContentStream({ model: 'bench-big', contents: 'Hi' })) void _;
    return ms(t);
  }

  for (let i = 0; i < 10; i++) await Promise.all([oursTtft(), sdkTtft()]);
  const ttft = { ours: [] as number[], sdk: [] as number[] };
  const whole = { ours: [] as number[], sdk: [] as number[] };
  for (let i = 0; i < 60; i++) {
    ttft.ours.push(await oursTtft());
    ttft.sdk.push(await sdkTtft());
  }
  for (let i = 0; i < 12; i++) {
    whole.ours.push(await oursBig());
    whole.sdk.push(await sdkBig());
  }

  const events = frames.map((f) => ({ data: JSON.stringify(geminiFrame(f)), event: undefined, id: undefined }));
  const mapperRuns: number[] = [];
  for (let r = 0; r < 40; r++) {
    const m = createGeminiStreamMapper({ descriptor: GEMINI_PRESET });
    const t = process.hrtime.bigint();
    for (const e of events) m.onEvent(e);
    m.onEnd();
    mapperRuns.push((ms(t) * 1000) / events.length);
  }
  await http.close();
  await sim.close();

  const o = median(ttft.ours);
  const s = median(ttft.sdk);
  const ob = median(whole.ours);
  const sb = median(whole.sdk);
  return [
    { id: 'gemini.ttft_ms.ours', value: o, unit: 'ms' },
    { id: 'gemini.ttft_ms.sdk', value: s, unit: 'ms' },
    { id: 'gemini.ttft_ratio_vs_sdk', value: o / s, unit: 'x', target: '<= 1.2' },
    { id: 'gemini.stream2000_ms.ours', value: ob, unit: 'ms' },
    { id: 'gemini.stream2000_ms.sdk', value: sb, unit: 'ms' },
    { id: 'gemini.stream2000_ratio_vs_sdk', value: ob / sb, unit: 'x', target: '<= 1.2' },
    { id: 'gemini.mapper_us_per_frame', value: median(mapperRuns), unit: 'us' },
  ];
}
