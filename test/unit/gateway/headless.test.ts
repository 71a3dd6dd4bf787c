// The headless gateway end to end: `tsx src/gateway/cli.ts` in a child process, configured by a
// settings file and environment keys, called with both SDKs, spend in the ledger folder given.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { SpendLedger } from '../../../src/core/ledger';
import { anthropicRouter } from '../../sim/anthropic';
import { openaiRouter } from '../../sim/openai';
import { SimServer } from '../../sim/server';

const ROOT = path.resolve(__dirname, '../../..');
const TOKEN = 'sb-gw-headless-test-0123456789';

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.once('line', (l) => resolve(l));
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code} before printing a line`)));
  });
}

describe('Headless gateway (npm run gateway)', function () {
  this.timeout(60_000);
  let openaiSim: SimServer;
  let anthropicSim: SimServer;
  let dir: string;
  let child: ChildProcess | undefined;
  let stderr = '';

  before(async () => {
    openaiSim = await SimServer.start(openaiRouter());
    anthropicSim = await SimServer.start(anthropicRouter());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-headless-'));
  });
  after(async () => {
    child?.kill('SIGTERM');
    await openaiSim.close();
    await anthropicSim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints its URL first, serves both SDKs from env keys and settings, and records the spend', async () => {
    const settingsFile = path.join(dir, 'settings.json');
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({
        'switchboard.providers': { openai: { baseUrl: `${openaiSim.url}/v1` }, anthropic: { baseUrl: `${anthropicSim.url}/v1` } },
        'switchboard.customProviders': [
          { id: 'my-proxy', displayName: 'My proxy', family: 'openai', baseUrl: `${openaiSim.url}/proxy/v1` },
        ],
        'switchboard.gateway': { fallbackChains: { sturdy: ['openai:sim/fault-503', 'anthropic:claude-sim-sonnet'] } },
        'editor.fontSize': 14,
      }),
    );
    const ledgerDir = path.join(dir, 'ledger');
    const env = {
      ...process.env,
      OPENAI_API_KEY: 'sk-headless-openai-0123456789',
      ANTHROPIC_API_KEY: 'sk-ant-headless-0123456789',
      SWITCHBOARD_KEY_MY_PROXY: 'custom-key-0123456789',
      SWITCHBOARD_GATEWAY_TOKEN: TOKEN,
    };
    child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
        'src/gateway/cli.ts',
        '--port',
        '0',
        '--settings',
        settingsFile,
        '--ledger',
        ledgerDir,
      ],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const line = await firstLine(child);
    const m = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    assert.ok(m, `first line was ${JSON.stringify(line)}; stderr: ${stderr}`);
    const base = m[1];

    const openai = new OpenAI({ baseURL: `${base}/v1`, apiKey: TOKEN, maxRetries: 0 });
    const r = await openai.chat.completions.create({ model: 'openai:sim/text', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(r.choices[0].message.content, 'Hello from the simulator.');
    assert.equal(openaiSim.requests.at(-1)?.headers.authorization, 'Bearer sk-headless-openai-0123456789');

    const custom = await openai.chat.completions.create({ model: 'my-proxy:sim/text', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(custom.choices[0].message.content, 'Hello from the simulator.');
    assert.equal(openaiSim.requests.at(-1)?.headers.authorization, 'Bearer custom-key-0123456789');

    const anthropic = new Anthropic({ baseURL: base, authToken: TOKEN, apiKey: null, maxRetries: 0 });
    const { data, response } = await anthropic.messages
      .create({ model: 'sturdy', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    assert.equal(data.content[0].type, 'text');
    assert.equal(response.headers.get('x-switchboard-provider'), 'anthropic');
    assert.ok(Number(response.headers.get('x-switchboard-attempts')) >= 2, 'the chain fell back from the failing host');

    await assert.rejects(new OpenAI({ baseURL: `${base}/v1`, apiKey: 'wrong', maxRetries: 0 }).models.list(), OpenAI.AuthenticationError);

    const ledger = new SpendLedger({ dir: ledgerDir, writerId: 'reader' });
    ledger.load();
    const records = ledger.recent();
    ledger.close();
    assert.ok(records.length >= 4, `records: ${records.length}`);
    assert.ok(records.every((x) => x.origin === 'gateway'));
    assert.deepEqual([...new Set(records.map((x) => x.client))].sort(), ['Anthropic/JS', 'OpenAI/JS']);
    assert.ok(!stderr.includes('sk-headless') && !stderr.includes(TOKEN), 'no key or token in the log');
  });
});
