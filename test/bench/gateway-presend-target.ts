// The gateway of gateway-presend.ts: headless, its openai provider at the simulator, in the
// caller's process so diagnostics-channel marks time its own code without a process hand-off.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '../../src/core/platform';
import { settingsFromObject } from '../../src/gateway/headless/settings-file';
import { startHeadless } from '../../src/gateway/headless/start';

export async function startBenchGateway(simBase: string, token: string): Promise<{ url: string; close: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-gw-presend-'));
  const settings = settingsFromObject({ 'switchboard.providers': { openai: { baseUrl: simBase } } });
  const env = { OPENAI_API_KEY: 'sk-test-SENTINEL-bench-0123456789', SWITCHBOARD_GATEWAY_TOKEN: token };
  const running = await startHeadless({ settings, env, ledgerDir: path.join(dir, 'ledger'), port: 0, logger: silentLogger });
  return {
    url: running.gateway.url,
    close: async () => {
      await running.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
