// Runs a request through one family's adapter against its simulator and folds the tool events.
import type { ProviderError } from '../../../src/core/errors';
import { HttpClient } from '../../../src/core/http/client';
import { anthropicAdapter } from '../../../src/core/providers/anthropic/adapter';
import { ANTHROPIC_PRESET } from '../../../src/core/providers/anthropic/preset';
import type { ProtocolAdapter, ProviderDescriptor } from '../../../src/core/providers/descriptor';
import { geminiAdapter } from '../../../src/core/providers/gemini/adapter';
import { GEMINI_PRESET } from '../../../src/core/providers/gemini/preset';
import { openaiAdapter } from '../../../src/core/providers/openai/adapter';
import { OPENROUTER } from '../../../src/core/providers/openai/presets';
import type { ChatRequest, FinishReason, ReasoningPart, StreamEvent, ToolCallPart, Usage, Warning } from '../../../src/core/types';
import { anthropicRouter } from '../../sim/anthropic';
import { geminiRouter } from '../../sim/gemini';
import { openaiRouter } from '../../sim/openai';
import type { Router } from '../../sim/server';

export type Family = 'openai' | 'anthropic' | 'gemini';
export const FAMILIES: readonly Family[] = ['openai', 'anthropic', 'gemini'];
export const TEST_KEY = 'sk-test-tools-SENTINEL-93b1';

/** What one stream produced, folded. */
export interface ToolRun {
  events: StreamEvent[];
  text: string;
  reasoning: string;
  calls: ToolCallPart[];
  invalid: Extract<StreamEvent, { type: 'tool-call-invalid' }>[];
  reasoningParts: ReasoningPart[];
  warnings: Warning[];
  usage?: Usage;
  finish?: FinishReason;
  error?: ProviderError;
}

export async function foldTools(stream: AsyncIterable<StreamEvent>): Promise<ToolRun> {
  const r: ToolRun = { events: [], text: '', reasoning: '', calls: [], invalid: [], reasoningParts: [], warnings: [] };
  for await (const e of stream) {
    r.events.push(e);
    if (e.type === 'text-delta') r.text += e.text;
    else if (e.type === 'reasoning-delta') r.reasoning += e.text;
    else if (e.type === 'tool-call') r.calls.push(e.call);
    else if (e.type === 'tool-call-invalid') r.invalid.push(e);
    else if (e.type === 'reasoning-part') r.reasoningParts.push(e.part);
    else if (e.type === 'warning') r.warnings.push(e.warning);
    else if (e.type === 'usage') r.usage = e.usage;
    else if (e.type === 'finish') r.finish = e.reason;
    else if (e.type === 'error') r.error = e.error;
  }
  return r;
}

/** The simulator router, adapter, descriptor and model name of a scenario, per family. */
export function familyRig(
  f: Family,
  simUrl: string,
): { adapter: ProtocolAdapter; descriptor: ProviderDescriptor; model: (scenario: string) => string } {
  switch (f) {
    case 'openai':
      return {
        adapter: openaiAdapter,
        descriptor: { ...OPENROUTER, baseUrl: `${simUrl}/api/v1`, extraHeaders: {} },
        model: (s) => `sim/${s}`,
      };
    case 'anthropic':
      return { adapter: anthropicAdapter, descriptor: { ...ANTHROPIC_PRESET, baseUrl: `${simUrl}/v1` }, model: (s) => `sim/${s}` };
    case 'gemini':
      return { adapter: geminiAdapter, descriptor: { ...GEMINI_PRESET, baseUrl: simUrl }, model: (s) => `sim-${s}` };
  }
}

export function routerFor(f: Family): Router {
  return f === 'openai' ? openaiRouter() : f === 'anthropic' ? anthropicRouter() : geminiRouter();
}

/** Streams `scenario` through the family's adapter. */
export async function runTools(f: Family, simUrl: string, scenario: string, req: Partial<ChatRequest> = {}): Promise<ToolRun> {
  const rig = familyRig(f, simUrl);
  const http = new HttpClient({ connectTimeoutMs: 2_000, firstByteTimeoutMs: 5_000, idleTimeoutMs: 5_000 });
  try {
    const full: ChatRequest = { model: rig.model(scenario), messages: [{ role: 'user', content: 'Weather?' }], ...req };
    return await foldTools(rig.adapter.streamChat({ descriptor: rig.descriptor, http, apiKey: TEST_KEY }, full));
  } finally {
    await http.close();
  }
}
