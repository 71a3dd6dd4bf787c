// The gateway bench's gateway, headless, in its own process (as it runs beside its clients):
// its openai provider points at the bench simulator. Reports its URL over IPC.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '../../src/core/platform';
import { settingsFromObject } from '../../src/gateway/headless/settings-file';
import { startHeadless } from '../../src/gateway/headless/start';

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-gw-bench-'));
  const settings = settingsFromObject({ 'switchboard.providers': { openai: { baseUrl: process.env.SIM_BASE } } });
  const env = { OPENAI_API_KEY: 'sk-test-SENTINEL-bench-0123456789', SWITCHBOARD_GATEWAY_TOKEN: process.env.GATEWAY_TOKEN };
  const running = await startHeadless({ settings, env, ledgerDir: path.join(dir, 'ledger'), port: 0, logger: silentLogger });
  process.send?.({ url: running.gateway.url });
  process.on(
    'disconnect',
    () =>
      void running.close().then(() => {
        fs.rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      }),
  );
}

if (process.send) void main();
