// All provider simulators on loopback at once, for `npm run demo` and the UI tests: one server
// per provider id, so health and fallbacks differ per provider as they would for real hosts.
// Run directly (tsx test/sim/demo-server.ts) it prints the base URLs and serves until Ctrl-C.
import { anthropicRouter } from './anthropic';
import { geminiRouter } from './gemini';
import { openaiRouter } from './openai';
import { catalogFeedRouter, type CatalogFeedState } from './openrouter-catalog';
import { SimServer, type Router } from './server';

/** Base URL per provider id, in the shape of `switchboard.providers.<id>.baseUrl`. */
export type DemoUrls = Record<'openai' | 'openrouter' | 'anthropic' | 'gemini', string>;

/** The running simulators. */
export interface DemoSims {
  urls: DemoUrls;
  servers: Record<keyof DemoUrls, SimServer>;
  /** Settings a user would write to point the presets at the simulators. */
  providerSettings(): Record<string, { baseUrl: string; enabled: boolean }>;
  close(): Promise<void>;
}

/** The first router that answers wins (a router declines synchronously, by returning undefined). */
function firstOf(...routers: Router[]): Router {
  return (req) => {
    for (const r of routers) {
      const s = r(req);
      if (s) return s;
    }
    return undefined;
  };
}

/** Starts the OpenAI, OpenRouter (chat + catalog feed), Anthropic and Gemini simulators. */
export async function startDemoSims(): Promise<DemoSims> {
  const feed: CatalogFeedState = { models: 'ok', endpoints: 'ok', prices: 'ok' };
  const [openai, openrouter, anthropic, gemini] = await Promise.all([
    SimServer.start(openaiRouter()),
    SimServer.start(firstOf(catalogFeedRouter(feed), openaiRouter({ fallback: 'openrouter' }))),
    SimServer.start(anthropicRouter()),
    SimServer.start(geminiRouter()),
  ]);
  const urls: DemoUrls = {
    openai: `${openai.url}/v1`,
    openrouter: `${openrouter.url}/api/v1`,
    anthropic: `${anthropic.url}/v1`,
    gemini: `${gemini.url}/v1beta`,
  };
  const servers = { openai, openrouter, anthropic, gemini };
  return {
    urls,
    servers,
    providerSettings: () => Object.fromEntries(Object.entries(urls).map(([id, baseUrl]) => [id, { baseUrl, enabled: true }])),
    close: async () => {
      await Promise.all(Object.values(servers).map((s) => s.close()));
    },
  };
}

/** Fake keys for the demo; the simulators accept any non-empty key. */
export const DEMO_KEYS: Record<keyof DemoUrls, string> = {
  openai: 'sk-demo-SIMULATOR-openai',
  openrouter: 'sk-or-demo-SIMULATOR',
  anthropic: 'sk-ant-demo-SIMULATOR',
  gemini: 'demo-SIMULATOR-gemini-key',
};

if (require.main === module) {
  void startDemoSims().then((sims) => {
    for (const [id, url] of Object.entries(sims.urls)) console.log(`${id.padEnd(10)} ${url}`);
    console.log(`DEMO_SIMS ${JSON.stringify(sims.urls)}`);
    const stop = () => void sims.close().finally(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
