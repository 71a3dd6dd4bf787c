// What each official SDK makes of a tool-call stream, in one shape, for the conformance tests.
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import OpenAI from 'openai';
import { TEST_KEY, type Family } from './tool-harness';

/** The SDK's view: calls, text, usage and finish reason, or the error it threw. */
export interface SdkToolView {
  calls: { id?: string; name: string; args: unknown }[];
  text: string;
  usage?: { input: number; output: number };
  finish?: string;
  /** The thinking signature the SDK kept (Anthropic block, Gemini part). */
  signature?: string;
  error?: unknown;
}

const TOOLS = [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];

async function viaOpenAI(simUrl: string, model: string): Promise<SdkToolView> {
  const client = new OpenAI({ baseURL: `${simUrl}/api/v1`, apiKey: TEST_KEY, maxRetries: 0 });
  const v: SdkToolView = { calls: [], text: '' };
  try {
    const stream = client.chat.completions.stream({
      model,
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: TOOLS.map((t) => ({ type: 'function' as const, function: t })),
      stream_options: { include_usage: true },
    });
    const done = await stream.finalChatCompletion();
    const choice = done.choices[0];
    v.text = choice.message.content ?? '';
    v.finish = choice.finish_reason;
    // The SDK keeps argument text as sent; parsing it here is what its users do.
    for (const c of choice.message.tool_calls ?? [])
      if (c.type === 'function')
        v.calls.push({ id: c.id, name: c.function.name, args: c.function.arguments ? JSON.parse(c.function.arguments) : {} });
    if (done.usage) v.usage = { input: done.usage.prompt_tokens, output: done.usage.completion_tokens };
  } catch (e) {
    v.error = e;
  }
  return v;
}

async function viaAnthropic(simUrl: string, model: string): Promise<SdkToolView> {
  const client = new Anthropic({ baseURL: simUrl, apiKey: TEST_KEY, maxRetries: 0, timeout: 5_000, logLevel: 'off' });
  const v: SdkToolView = { calls: [], text: '' };
  try {
    const stream = client.messages.stream({
      model,
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: TOOLS.map((t) => ({ name: t.name, input_schema: t.parameters as Anthropic.Tool.InputSchema })),
    });
    const msg = await stream.finalMessage();
    for (const b of msg.content) {
      if (b.type === 'text') v.text += b.text;
      else if (b.type === 'tool_use') v.calls.push({ id: b.id, name: b.name, args: b.input });
      else if (b.type === 'thinking') v.signature = b.signature;
    }
    v.finish = msg.stop_reason ?? undefined;
    v.usage = {
      input: msg.usage.input_tokens + (msg.usage.cache_read_input_tokens ?? 0) + (msg.usage.cache_creation_input_tokens ?? 0),
      output: msg.usage.output_tokens,
    };
  } catch (e) {
    v.error = e;
  }
  return v;
}

async function viaGemini(simUrl: string, model: string): Promise<SdkToolView> {
  const ai = new GoogleGenAI({ apiKey: TEST_KEY, httpOptions: { baseUrl: simUrl } });
  const v: SdkToolView = { calls: [], text: '' };
  try {
    const stream = await ai.models.generateContentStream({
      model,
      contents: 'Weather?',
      config: { tools: [{ functionDeclarations: TOOLS.map((t) => ({ name: t.name, parametersJsonSchema: t.parameters })) }] },
    });
    for await (const chunk of stream as AsyncGenerator<GenerateContentResponse>) {
      for (const p of chunk.candidates?.[0]?.content?.parts ?? []) {
        if (p.functionCall) v.calls.push({ id: p.functionCall.id, name: p.functionCall.name ?? '', args: p.functionCall.args ?? {} });
        else if (typeof p.text === 'string' && !p.thought) v.text += p.text;
        if (p.thoughtSignature) v.signature = p.thoughtSignature;
      }
      const u = chunk.usageMetadata;
      if (u) v.usage = { input: u.promptTokenCount ?? 0, output: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0) };
      v.finish = chunk.candidates?.[0]?.finishReason ?? v.finish;
    }
  } catch (e) {
    v.error = e;
  }
  return v;
}

/** Runs the scenario model through the family's official SDK. */
export function viaSdk(f: Family, simUrl: string, model: string): Promise<SdkToolView> {
  return f === 'openai' ? viaOpenAI(simUrl, model) : f === 'anthropic' ? viaAnthropic(simUrl, model) : viaGemini(simUrl, model);
}
