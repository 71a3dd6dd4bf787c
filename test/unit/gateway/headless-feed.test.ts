// The headless gateway fetches OpenRouter's model and price feed only when the settings ask for it:
// the openrouter provider is on (its base URL is the feed's), or `switchboard.openrouterFeed` names one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HttpRequest, HttpTransport } from '../../../src/core/http/client';
import { settingsFromObject } from '../../../src/gateway/headless/settings-file';
import { startHeadless } from '../../../src/gateway/headless/start';

/** Records every URL asked for and answers each with a network error. */
function recordingTransport(): HttpTransport & { urls: string[] } {
  const urls: string[] = [];
  return { urls, send: (req: HttpRequest) => (urls.push(req.url), Promise.reject(new Error('offline'))) };
}

async function feedUrls(settings: Record<string, unknown>): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-headless-feed-'));
  const http = recordingTransport();
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const h = await startHeadless({
    settings: settingsFromObject(settings),
    env: {},
    ledgerDir: path.join(dir, 'ledger'),
    port: 0,
    logger: quiet,
    http,
  });
  try {
    await h.catalogLoaded;
    return http.urls.filter((u) => u.endsWith('/models') && !/127\.0\.0\.1|localhost/.test(u));
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('Headless gateway: the OpenRouter feed follows the settings', function () {
  this.timeout(20_000);

  it('fetches nothing from OpenRouter when the openrouter provider is off', async () => {
    assert.deepEqual(await feedUrls({ 'switchboard.providers': { openrouter: { enabled: false } } }), []);
  });

  it('fetches the feed from the openrouter provider’s base URL when it is on', async () => {
    assert.deepEqual(await feedUrls({}), ['https://openrouter.ai/api/v1/models']);
    assert.deepEqual(await feedUrls({ 'switchboard.providers': { openrouter: { baseUrl: 'https://or-mirror.example/api/v1' } } }), [
      'https://or-mirror.example/api/v1/models',
    ]);
  });

  it('fetches from the URL switchboard.openrouterFeed names, even with the provider off, and never when it says off', async () => {
    const off = { openrouter: { enabled: false } };
    assert.deepEqual(await feedUrls({ 'switchboard.providers': off, 'switchboard.openrouterFeed': 'https://feed.example/v1' }), [
      'https://feed.example/v1/models',
    ]);
    assert.deepEqual(await feedUrls({ 'switchboard.openrouterFeed': 'off' }), []);
  });
});
