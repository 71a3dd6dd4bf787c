// Real adapters against the loopback simulators of all three protocol families, behind a
// Router with a fake clock and an instant sleep, for the fault matrix.
import type { Endpoint } from '../../../src/core/catalog/types';
import { HealthBoard } from '../../../src/core/health/health-board';
import { HttpClient } from '../../../src/core/http/client';
import { anthropicAdapter } from '../../../src/core/providers/anthropic/adapter';
import { ANTHROPIC_PRESET } from '../../../src/core/providers/anthropic/preset';
import type { ProtocolFamily, ProviderDescriptor } from '../../../src/core/providers/descriptor';
import { geminiAdapter } from '../../../src/core/providers/gemini/adapter';
import { GEMINI_PRESET } from '../../../src/core/providers/gemini/preset';
import { openaiAdapter } from '../../../src/core/providers/openai/adapter';
import { OPENAI } from '../../../src/core/providers/openai/presets';
import { responsesAdapter } from '../../../src/core/providers/responses/adapter';
import { Router } from '../../../src/core/router/router';
import { anthropicRouter } from '../../sim/anthropic';
import { geminiRouter } from '../../sim/gemini';
import { openaiRouter } from '../../sim/openai';
import { responsesRouter } from '../../sim/responses';
import { SimServer } from '../../sim/server';
import { ep, FakeClock, fakeSleep, MemoryCatalog } from './fakes';

/** Per family: the preset to clone, the path prefix, and the model that streams a normal answer. */
export const FAMILIES: Record<ProtocolFamily, { preset: ProviderDescriptor; prefix: string; okModel: string; okText: string }> = {
  openai: { preset: OPENAI, prefix: '/v1', okModel: 'sim/text', okText: 'Hello from the simulator.' },
  anthropic: { preset: ANTHROPIC_PRESET, prefix: '/v1', okModel: 'sim/ok', okText: '' },
  gemini: { preset: GEMINI_PRESET, prefix: '/v1beta', okModel: 'sim-hello', okText: '' },
  // OpenAI's own descriptor, its capability data sending the simulator's models over the Responses API.
  responses: {
    preset: { ...OPENAI, capabilities: { ...OPENAI.capabilities, responsesModels: ['sim/*'] } },
    prefix: '/v1',
    okModel: 'sim/text',
    okText: 'Hello from the simulator.',
  },
};

/** One simulator per family, shared by a test file. */
export class SimFleet {
  private constructor(
    readonly servers: Record<ProtocolFamily, SimServer>,
    readonly http: HttpClient,
  ) {}

  /** Starts the four simulators and a client with short timeouts (so stalls end within a second, yet a loaded machine does not trip them). */
  static async start(): Promise<SimFleet> {
    const [openai, anthropic, gemini, responses] = await Promise.all([
      SimServer.start(openaiRouter()),
      SimServer.start(anthropicRouter()),
      SimServer.start(geminiRouter()),
      SimServer.start(responsesRouter()),
    ]);
    return new SimFleet(
      { openai, anthropic, gemini, responses },
      new HttpClient({ idleTimeoutMs: 1000, firstByteTimeoutMs: 5000, connectTimeoutMs: 2000 }),
    );
  }

  /** A provider of `family` served by its simulator (or by `baseUrl` when given). */
  provider(family: ProtocolFamily, id: string, baseUrl?: string): ProviderDescriptor {
    const f = FAMILIES[family];
    return { ...f.preset, id, displayName: `Sim ${id}`, baseUrl: baseUrl ?? `${this.servers[family].url}${f.prefix}` };
  }

  /** A router over these providers and endpoints, with sentinel keys. */
  router(
    providers: ProviderDescriptor[],
    endpoints: Endpoint[],
  ): { router: Router; health: HealthBoard; clock: FakeClock; waits: number[] } {
    const clock = new FakeClock();
    const health = new HealthBoard({ clock });
    const waits: number[] = [];
    const byId = new Map(providers.map((p) => [p.id, p]));
    const adapters = { openai: openaiAdapter, anthropic: anthropicAdapter, gemini: geminiAdapter, responses: responsesAdapter };
    const router = new Router({
      catalog: new MemoryCatalog(endpoints),
      descriptorOf: (id) => byId.get(id),
      adapterFor: (f) => adapters[f],
      keyOf: async (id) => `sk-test-SENTINEL-${id}`,
      http: this.http,
      health,
      clock,
      sleep: fakeSleep(clock, waits),
      random: () => 0.5,
    });
    return { router, health, clock, waits };
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.servers).map((s) => s.close()));
    await this.http.close();
  }
}

export { ep };
