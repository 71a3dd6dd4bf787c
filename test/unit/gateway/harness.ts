// A gateway backed by the OpenAI, Anthropic and Gemini simulators, through a real engine, ledger and budgets.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BudgetGuard, type BudgetConfig } from '../../../src/core/budgets';
import { createEngine, type Engine } from '../../../src/core/engine';
import { HealthBoard } from '../../../src/core/health/health-board';
import { HttpClient } from '../../../src/core/http/client';
import { SpendLedger } from '../../../src/core/ledger';
import type { Logger } from '../../../src/core/platform';
import { buildRegistry } from '../../../src/core/providers/build-registry';
import { startGateway, type Gateway, type GatewayLimits } from '../../../src/gateway';
import { anthropicRouter } from '../../sim/anthropic';
import { geminiRouter } from '../../sim/gemini';
import { openaiRouter, type NamedScenario } from '../../sim/openai';
import { SimServer } from '../../sim/server';

export const OPENAI_KEY = 'sk-test-SENTINEL-openai-0123456789';
export const ANTHROPIC_KEY = 'sk-ant-test-SENTINEL-anthropic-0123456789';
export const GEMINI_KEY = 'AIza-test-SENTINEL-gemini-0123456789';
export const TOKEN = 'sb-gw-test-token-0123456789abcdef';

/** Everything a gateway test touches. */
export interface Harness {
  openaiSim: SimServer;
  anthropicSim: SimServer;
  geminiSim: SimServer;
  engine: Engine;
  gateway: Gateway;
  ledger: SpendLedger;
  budget: BudgetConfig;
  logs: string[];
  close(): Promise<void>;
}

/** Starts the simulators, an engine whose openai, anthropic and gemini providers point at them, and a gateway. */
export async function startHarness(
  opts: { limits?: Partial<GatewayLimits>; chains?: Record<string, string[]>; openaiScenarios?: Record<string, NamedScenario> } = {},
): Promise<Harness> {
  const openaiSim = await SimServer.start(openaiRouter({ scenarios: opts.openaiScenarios }));
  const anthropicSim = await SimServer.start(anthropicRouter());
  const geminiSim = await SimServer.start(geminiRouter());
  const http = new HttpClient({ idleTimeoutMs: 3000, firstByteTimeoutMs: 5000, connectTimeoutMs: 2000 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-gateway-'));
  const ledger = new SpendLedger({ dir, writerId: 'gateway-test' });
  ledger.load();
  const logs: string[] = [];
  const logger: Logger = { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) };
  const registry = buildRegistry({
    providers: {
      openai: { baseUrl: `${openaiSim.url}/v1` },
      anthropic: { baseUrl: `${anthropicSim.url}/v1` },
      gemini: { baseUrl: `${geminiSim.url}/v1beta` },
    },
    customProviders: [],
  });
  const keys: Record<string, string> = { openai: OPENAI_KEY, anthropic: ANTHROPIC_KEY, gemini: GEMINI_KEY };
  const redact = (t: string) => Object.values(keys).reduce((s, k) => s.split(k).join('[key]'), t);
  const h = { budget: { warnAt: 0.8, action: 'warn' } as BudgetConfig } as Harness;
  const engine = await createEngine({
    http,
    keys: { get: async (d) => keys[d.id], redact },
    registry: () => registry,
    settings: () => ({ routing: {}, workspaceAllowedProviders: [] }),
    ledger: () => ledger,
    budgets: () => new BudgetGuard(ledger, () => h.budget),
    health: new HealthBoard(),
    logger,
    workspaceId: () => 'ws-gateway',
    // Retries wait for nothing, so a retry-after of seconds costs no test time.
    router: { sleep: () => Promise.resolve() },
  });
  const gateway = await startGateway({
    engine,
    token: TOKEN,
    port: 0,
    logger,
    redact,
    fallbackChains: () => opts.chains ?? {},
    limits: opts.limits,
  });
  return Object.assign(h, {
    openaiSim,
    anthropicSim,
    geminiSim,
    engine,
    gateway,
    ledger,
    logs,
    close: async () => {
      await gateway.close();
      await openaiSim.close();
      await anthropicSim.close();
      await geminiSim.close();
      await http.close();
      ledger.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
}
