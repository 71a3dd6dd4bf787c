// `npm run demo`: `npm start` plus the loopback provider simulators, configured the way a user
// would configure real providers: `switchboard.providers.<id>.baseUrl` in user settings, and
// keys stored through the extension's SecretStorage path (switchboard.test.setSecret, called by
// the test bridge in every window that connects, because code-server keeps secrets in the
// browser). None of this is in the .vsix. No keys or internet needed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_KEYS, startDemoSims } from '../test/sim/demo-server';
import { outDir } from '../test/e2e/harness/paths';
import { launch, packageBridge } from './start';

async function main(): Promise<void> {
  const sims = await startDemoSims();
  for (const [id, url] of Object.entries(sims.urls)) console.log(`[demo] simulator ${id.padEnd(10)} ${url}`);
  const bridgeDir = path.join(outDir, 'demo', 'bridge');
  fs.mkdirSync(bridgeDir, { recursive: true });
  const setKeys = Object.entries(DEMO_KEYS).map(([id, key]) => ({ command: 'switchboard.test.setSecret', args: [id, key] }));
  fs.writeFileSync(path.join(bridgeDir, 'startup.json'), JSON.stringify(setKeys, null, 2));
  const bridge = await packageBridge();
  await launch({
    label: 'demo',
    vsix: [bridge],
    settings: {
      'switchboard.providers': sims.providerSettings(),
      'switchboard.defaultModel': 'openai:sim-model',
      // The simulators' own model ids are in no price table; made-up prices make costs visible.
      'switchboard.priceOverrides': [
        { provider: 'openai', model: 'sim-model', inputPerMTok: 2.5, outputPerMTok: 10, cacheReadPerMTok: 1.25 },
        {
          provider: 'anthropic',
          model: 'claude-sim-sonnet',
          inputPerMTok: 3,
          outputPerMTok: 15,
          cacheReadPerMTok: 0.3,
          cacheWritePerMTok: 3.75,
        },
        {
          provider: 'anthropic',
          model: 'claude-sim-haiku',
          inputPerMTok: 1,
          outputPerMTok: 5,
          cacheReadPerMTok: 0.1,
          cacheWritePerMTok: 1.25,
        },
      ],
    },
    screenshotQuestion: 'Hello from the demo: which provider answered?',
    env: { SWITCHBOARD_E2E: '1', SWITCHBOARD_E2E_BRIDGE_DIR: bridgeDir },
    started: () => {
      console.log('[demo] models to try: any name streams a reply; `sim/fault-503`, `sim/fault-429`, `sim/slow` (OpenAI, OpenRouter),');
      console.log(
        '[demo]   `sim/thinking`, `sim/fault-529` (Anthropic), `sim-thinking`, `sim-fault-503` (Gemini) show errors, fallbacks and health.',
      );
    },
    stop: () => sims.close(),
  });
}

main().catch((e: unknown) => {
  console.error(`[demo] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
