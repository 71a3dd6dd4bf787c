// `npm run gateway -- --port N --settings FILE [--ledger DIR]`: the gateway in plain Node.
// The first line on stdout is exactly `listening on http://127.0.0.1:PORT`; logs go to stderr.
import type { Logger } from '../core/platform';
import { parseArgs } from './headless/args';
import { defaultLedgerDir } from './headless/ledger-dir';
import { settingsFromObject, readSettingsFile } from './headless/settings-file';
import { startHeadless } from './headless/start';

const logger: Logger = {
  info: (m) => process.stderr.write(`${m}\n`),
  warn: (m) => process.stderr.write(`warning: ${m}\n`),
  error: (m) => process.stderr.write(`error: ${m}\n`),
};

async function main(): Promise<void> {
  // A reader that stops after the first line (`| head -1`) must not crash the server.
  process.stdout.on('error', () => undefined);
  const args = parseArgs(process.argv.slice(2));
  const settings = args.settings ? readSettingsFile(args.settings) : settingsFromObject({});
  const running = await startHeadless({
    settings,
    env: process.env,
    ledgerDir: args.ledger ?? defaultLedgerDir(),
    port: args.port,
    logger,
  });
  process.stdout.write(`listening on ${running.gateway.url}\n`);
  if (running.tokenGenerated) process.stdout.write(`token: ${running.token}\n(set SWITCHBOARD_GATEWAY_TOKEN to choose your own)\n`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
