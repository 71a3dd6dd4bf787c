// Switchboard's models through VS Code's language-model API, in the real extension host, called
// from a second extension (test/e2e/lm-client) exactly as Cline's or Roo's "VS Code LM API"
// provider calls them. Two loopback simulators play the hosts: `simprimary` answers every chat
// request with a 503, `simbackup` streams.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openaiRouter, openaiScenarios, textStream } from '../../sim/openai';
import { SimServer, type Router } from '../../sim/server';
import { DEFAULT_MAX_OUTPUT } from '../../../src/app/lm/model-offer';
import { activeExtension, eventually, testState } from './util';

interface ClientModel {
  id: string;
  name: string;
  vendor: string;
  family: string;
  version: string;
  maxInputTokens: number;
  capabilities?: Record<string, unknown>;
}
interface SendResult {
  parts: string[];
  text: string;
  firstPartMs?: number;
  totalMs: number;
  error?: { name?: string; code?: string; message: string };
}
interface LedgerRow {
  origin?: string;
  provider: string;
  model?: string;
  outcome: string;
  costUsd?: number;
}

const CHAIN = '@chain/resilient';
// Replaces the simulator's `slow` scenario (a model it lists): long enough to cancel mid-stream.
const DRIP = Array.from({ length: 60 }, (_, i) => `w${i} `);

const models = () => vscode.commands.executeCommand<ClientModel[]>('switchboardLmClient.models');
const send = (id: string, prompt: string, opts: { cancelAfterParts?: number; vendor?: string } = {}) =>
  vscode.commands.executeCommand<SendResult>('switchboardLmClient.send', id, prompt, opts);
const ledger = () => vscode.commands.executeCommand<LedgerRow[]>('switchboard.test.ledgerRecent');
const chatPosts = (sim: SimServer) => sim.requests.filter((r) => r.method === 'POST').length;

/** Lists models like the backup sim, and answers every chat request with a 503. */
function failingRouter(): Router {
  const listing = openaiRouter();
  return (req) => (req.method === 'GET' ? listing(req) : openaiScenarios.unavailable());
}

describe('language-model API (vendor switchboard, called from another extension)', function () {
  this.timeout(60_000);
  const cfg = () => vscode.workspace.getConfiguration('switchboard');
  let primary: SimServer;
  let backup: SimServer;

  before(async () => {
    await activeExtension();
    primary = await SimServer.start(failingRouter());
    backup = await SimServer.start(
      openaiRouter({
        scenarios: { slow: (r) => textStream({ pieces: DRIP, model: String((r.body as { model?: string }).model), delayMs: 100 }) },
      }),
    );
    const g = vscode.ConfigurationTarget.Global;
    await cfg().update(
      'customProviders',
      [
        { id: 'simprimary', displayName: 'Sim Primary', family: 'openai', baseUrl: `${primary.url}/v1`, keyRequired: false },
        { id: 'simbackup', displayName: 'Sim Backup', family: 'openai', baseUrl: `${backup.url}/v1`, keyRequired: false },
      ],
      g,
    );
    await cfg().update('modelChains', { resilient: ['simprimary:sim/text', 'simbackup:sim/text'] }, g);
    await cfg().update('languageModelPinnedHosts', true, g);
    // A price, so the spend is visible in the status bar and the ledger.
    await cfg().update('priceOverrides', [{ provider: 'simbackup', model: 'sim/text', inputPerMTok: 1000, outputPerMTok: 2000 }], g);
  });

  after(async () => {
    const g = vscode.ConfigurationTarget.Global;
    for (const k of ['customProviders', 'modelChains', 'languageModelPinnedHosts', 'priceOverrides', 'budgets'])
      await cfg().update(k, undefined, g);
    await primary?.close();
    await backup?.close();
  });

  it("offers the simulators' models, the virtual models and the chain, with limits, once the catalog has them", async () => {
    // The first answer may come before the catalog lists the new hosts: the change event must bring them.
    const list = await eventually(
      async () => {
        const l = await models();
        return l.some((m) => m.id === CHAIN) && l.some((m) => m.id === 'simbackup:sim/slow') ? l : undefined;
      },
      "the chain and the simulators' pinned models",
      30_000,
    );
    const byId = new Map(list.map((m) => [m.id, m]));
    for (const id of ['@cheapest', '@fastest', CHAIN, 'simbackup:sim/text', 'simprimary:sim/text'])
      assert.ok(byId.has(id), `${id} is offered`);
    assert.ok(list.every((m) => m.vendor === 'switchboard'));
    assert.equal(byId.get('@cheapest')!.name, 'Switchboard: cheapest capable');
    assert.equal(byId.get(CHAIN)!.name, 'Switchboard: resilient');
    assert.equal(byId.get(CHAIN)!.version, 'simprimary:sim/text,simbackup:sim/text');
    // The simulator lists a 32,768-token context and no output limit: the input limit leaves room for the default output.
    const pinned = byId.get('simbackup:sim/text')!;
    assert.equal(pinned.maxInputTokens, 32_768 - DEFAULT_MAX_OUTPUT);
    assert.equal(byId.get(CHAIN)!.maxInputTokens, 32_768 - DEFAULT_MAX_OUTPUT);
    console.log(
      `[exthost] lm models: ${list.length}; ${CHAIN} maxInputTokens=${byId.get(CHAIN)!.maxInputTokens}; capabilities=${JSON.stringify(pinned.capabilities)}`,
    );
    // VS Code 1.139 shows capabilities to callers as supportsToolCalling / supportsImageToText.
    // The catalog knows nothing about sim/text, so no host of it is known to call tools.
    assert.equal(pinned.capabilities?.supportsToolCalling, false, 'no tool calling where no host is known to call tools');
    assert.equal(pinned.capabilities?.supportsImageToText, false);
  });

  it('sendRequest streams the answer as text parts, recorded in the ledger with origin lm-api and counted in the status bar', async () => {
    const spendBefore = await spendText();
    const r = await send('simbackup:sim/text', 'Say hello');
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.text, 'Hello from the simulator.');
    assert.ok(r.parts.length > 1, `streamed in ${r.parts.length} parts`);
    const row = await eventually(
      async () => (await ledger()).find((x) => x.origin === 'lm-api' && x.provider === 'simbackup' && x.outcome === 'success'),
      'a ledger row with origin lm-api',
    );
    assert.ok((row.costUsd ?? 0) > 0, `cost ${row.costUsd}`);
    await eventually(
      async () => ((await spendText()) !== spendBefore ? true : undefined),
      `the status bar's spend to move from ${spendBefore}`,
    );
  });

  it('cancelling the token closes the connection to the simulator', async () => {
    const aborted = backup.waitForClientAbort(15_000);
    const r = await send('simbackup:sim/slow', 'Count slowly', { cancelAfterParts: 1 });
    await aborted;
    assert.ok(r.parts.length < DRIP.length, `stopped after ${r.parts.length} of ${DRIP.length} parts`);
  });

  it('a 503 on the primary host is answered by the fallback', async () => {
    const before = chatPosts(primary);
    const r = await send(CHAIN, 'Say hello');
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.text, 'Hello from the simulator.');
    assert.ok(chatPosts(primary) > before, 'the primary was tried first');
    const rows = await ledger();
    assert.ok(
      rows.some((x) => x.origin === 'lm-api' && x.provider === 'simprimary' && x.outcome === 'failed'),
      'the failed attempt is recorded',
    );
  });

  it('a budget block is an error the caller can show, and nothing is sent', async () => {
    await cfg().update('budgets', { dailyUsd: 0, action: 'block' }, vscode.ConfigurationTarget.Global);
    try {
      const before = chatPosts(backup);
      const r = await send('simbackup:sim/text', 'Say hello');
      assert.ok(r.error, 'the request fails');
      assert.match(r.error.message, /budget/i);
      assert.equal(r.text, '');
      assert.equal(chatPosts(backup), before, 'no request reached the host');
    } finally {
      await cfg().update('budgets', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('counts tokens with the pre-send estimate', async () => {
    const short = await vscode.commands.executeCommand<number>('switchboardLmClient.countTokens', 'simbackup:sim/text', 'hello');
    const long = await vscode.commands.executeCommand<number>(
      'switchboardLmClient.countTokens',
      'simbackup:sim/text',
      'hello '.repeat(200),
    );
    assert.ok(short > 0 && long > short * 50, `${short} then ${long}`);
  });
});

describe('language-model API tool calling (an agent-style loop from another extension)', function () {
  this.timeout(60_000);
  const cfg = () => vscode.workspace.getConfiguration('switchboard');
  // A host serving a model the catalog knows can call tools, and one it knows nothing about.
  const TOOLS_MODEL = 'openai/gpt-4o-mini';
  const PLAIN_MODEL = 'sim/notools';
  const weather = {
    name: 'get_weather',
    description: 'Current weather for a city',
    inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  };
  let sim: SimServer;
  const toolLoop = (id: string, opts: { required?: boolean } = {}) =>
    vscode.commands.executeCommand<ToolLoopResult>('switchboardLmClient.toolLoop', id, 'Weather in Oslo?', {
      tool: weather,
      result: '18°C, clear',
      ...opts,
    });
  const posts = () => sim.requests.filter((r) => r.method === 'POST').map((r) => r.body as ChatBody);

  before(async () => {
    await activeExtension();
    // Every chat request plays the tool loop: a call first, the answer once a tool result comes back.
    const chat = openaiRouter({ fallback: 'tool-loop' });
    const listing = { object: 'list', data: [TOOLS_MODEL, PLAIN_MODEL].map((id) => ({ id, object: 'model', context_length: 128_000 })) };
    sim = await SimServer.start((req) =>
      req.method === 'GET'
        ? { status: 200, headers: { 'content-type': 'application/json' }, steps: [{ kind: 'write', data: JSON.stringify(listing) }] }
        : chat(req),
    );
    const g = vscode.ConfigurationTarget.Global;
    await cfg().update(
      'customProviders',
      [{ id: 'simtools', displayName: 'Sim Tools', family: 'openai', baseUrl: `${sim.url}/v1`, keyRequired: false }],
      g,
    );
    await cfg().update('languageModelPinnedHosts', true, g);
  });
  after(async () => {
    const g = vscode.ConfigurationTarget.Global;
    for (const k of ['customProviders', 'languageModelPinnedHosts']) await cfg().update(k, undefined, g);
    await sim?.close();
  });

  it('offers toolCalling only for models a reachable host can call tools with', async () => {
    const list = await eventually(
      async () => {
        const l = await models();
        return l.some((m) => m.id === TOOLS_MODEL) && l.some((m) => m.id === PLAIN_MODEL) ? l : undefined;
      },
      "the tool simulator's models",
      30_000,
    );
    const caps = (id: string) => list.find((m) => m.id === id)?.capabilities?.supportsToolCalling;
    assert.equal(caps(TOOLS_MODEL), true, 'the catalog says gpt-4o-mini calls tools');
    assert.equal(caps(`simtools:${TOOLS_MODEL}`), true);
    assert.equal(caps(PLAIN_MODEL), false, 'nothing says sim/notools can');
    assert.equal(caps(`simtools:${PLAIN_MODEL}`), false);
  });

  it('the first answer is a tool call part; the tool result goes back and the final answer streams', async () => {
    const before = posts().length;
    const r = await toolLoop(TOOLS_MODEL);
    assert.equal(r.error, undefined, r.error?.message);
    assert.deepEqual(r.first.calls, [{ callId: 'call_think_1', name: 'get_weather', input: { city: 'Oslo' } }]);
    assert.equal(r.second?.text, 'It is 18°C in Oslo.');
    assert.deepEqual(r.second?.calls, []);
    const [firstReq, secondReq] = posts().slice(before);
    // The caller's tool reached the host in the family's shape, with auto choice.
    assert.deepEqual(firstReq.tools, [
      { type: 'function', function: { name: 'get_weather', description: weather.description, parameters: weather.inputSchema } },
    ]);
    assert.equal(firstReq.tool_choice, 'auto');
    // The second request carries the call, its reasoning (kept across the API's parts) and the result.
    const msgs = secondReq.messages;
    const assistant = msgs.find((m) => m.role === 'assistant');
    assert.equal(assistant?.tool_calls?.[0]?.id, 'call_think_1');
    assert.equal(assistant?.tool_calls?.[0]?.function?.name, 'get_weather');
    assert.deepEqual(JSON.parse(assistant?.tool_calls?.[0]?.function?.arguments ?? 'null'), { city: 'Oslo' });
    assert.ok(
      JSON.stringify(assistant?.reasoning_details ?? []).includes('EqQBCgIYAhIMsim-signature-01'),
      'the reasoning signature goes back with the call',
    );
    assert.deepEqual(msgs.at(-1), { role: 'tool', tool_call_id: 'call_think_1', content: '18°C, clear' });
  });

  it('required tool mode with one tool names that tool', async () => {
    const before = posts().length;
    const r = await toolLoop(`simtools:${TOOLS_MODEL}`, { required: true });
    assert.equal(r.error, undefined, r.error?.message);
    assert.deepEqual(posts()[before].tool_choice, { type: 'function', function: { name: 'get_weather' } });
  });

  it('a request with tools to a model no host can call tools with fails, saying so, and sends nothing', async () => {
    const before = posts().length;
    const r = await toolLoop(PLAIN_MODEL);
    assert.ok(r.error, 'the request fails');
    assert.match(r.error.message, /tool/i);
    assert.equal(posts().length, before, 'no request reached the host');
  });
});

interface ToolLoopResult {
  first: { text: string; calls: { callId: string; name: string; input: unknown }[] };
  second?: { text: string; calls: unknown[] };
  error?: { name?: string; code?: string; message: string };
}
interface ChatBody {
  tools?: unknown[];
  tool_choice?: unknown;
  messages: {
    role: string;
    content?: unknown;
    tool_call_id?: string;
    reasoning_details?: unknown[];
    tool_calls?: { id?: string; function?: { name?: string; arguments?: string } }[];
  }[];
}

describe('@switchboard participant (handler driven with a scripted response stream)', function () {
  this.timeout(60_000);
  const run = (request: { prompt: string; command?: string; model?: { vendor: string; id: string } }) =>
    vscode.commands.executeCommand<{ markdown: string; progress: string[]; result: { errorDetails?: { message: string } } }>(
      'switchboard.test.runParticipant',
      request,
    );
  const cfg = () => vscode.workspace.getConfiguration('switchboard');
  let sim: SimServer;

  before(async () => {
    await activeExtension();
    sim = await SimServer.start(openaiRouter());
    await cfg().update(
      'customProviders',
      [{ id: 'simbackup', displayName: 'Sim Backup', family: 'openai', baseUrl: `${sim.url}/v1`, keyRequired: false }],
      vscode.ConfigurationTarget.Global,
    );
    await eventually(
      async () => ((await models()).some((m) => m.id === 'simbackup:sim/text' || m.version === 'simbackup:sim/text') ? true : undefined),
      "the simulator's models",
      30_000,
    ).catch(() => undefined);
  });
  after(async () => {
    await cfg().update('customProviders', undefined, vscode.ConfigurationTarget.Global);
    await sim?.close();
  });

  it('/ask (default) answers through the engine and ends with model, host, tokens and cost', async () => {
    const out = await run({ prompt: 'Say hello', model: { vendor: 'switchboard', id: 'simbackup:sim/text' } });
    assert.equal(out.result.errorDetails, undefined, out.result.errorDetails?.message);
    assert.match(out.markdown, /^Hello from the simulator\./);
    assert.match(out.markdown, /via Sim Backup \(`simbackup:sim\/text`\) · \d[\d,]* in \/ \d[\d,]* out tokens · /);
    await eventually(
      async () => (await ledger()).find((x) => x.origin === 'participant' && x.provider === 'simbackup'),
      'a ledger row with origin participant',
    );
  });

  it('/cost shows today and this month by model', async () => {
    const out = await run({ prompt: '', command: 'cost' });
    assert.match(out.markdown, /\*\*Today\*\*/);
    assert.match(out.markdown, /\*\*This month\*\*/);
    assert.match(out.markdown, /sim\/text/);
  });

  it('/route explains hosts, prices, health and breaker for a model', async () => {
    const out = await run({ prompt: 'simbackup:sim/text', command: 'route' });
    assert.match(out.markdown, /\| 1 \| Sim Backup \| `sim\/text` \|/);
    assert.match(out.markdown, /\| (ok|degraded|down|no traffic yet) \| (closed|open|half-open) \|/);
  });

  it('/compare asks two models and reports each with cost and speed', async () => {
    const out = await run({ prompt: 'simbackup:sim/text simbackup:sim/slow Say hello', command: 'compare' });
    assert.equal(out.result.errorDetails, undefined, out.result.errorDetails?.message);
    assert.match(out.markdown, /### simbackup:sim\/text[\s\S]*Hello from the simulator\.[\s\S]*### simbackup:sim\/slow/);
    assert.match(out.markdown, /first token \d+ ms/);
  });
});

/** The spend item's text as the status bar shows it. */
async function spendText(): Promise<string | undefined> {
  return ((await testState()).statusBar as { spend?: { text?: string } } | undefined)?.spend?.text;
}

// Bench only (npm run bench -- lm-api): skipped in the test run, since speed targets are not tests.
describe('lm-api bench', function () {
  this.timeout(120_000);
  const cfg = () => vscode.workspace.getConfiguration('switchboard');
  let sim: SimServer;

  before(async function () {
    if (process.env.SWITCHBOARD_LM_BENCH !== '1') return this.skip();
    await activeExtension();
    sim = await SimServer.start(openaiRouter());
    await cfg().update(
      'customProviders',
      [{ id: 'simbench', displayName: 'Sim Bench', family: 'openai', baseUrl: `${sim.url}/v1`, keyRequired: false }],
      vscode.ConfigurationTarget.Global,
    );
    await cfg().update('languageModelPinnedHosts', true, vscode.ConfigurationTarget.Global);
    await eventually(
      async () => ((await models()).some((m) => m.id === 'simbench:sim/text') ? true : undefined),
      "the bench simulator's model",
      30_000,
    );
    await vscode.commands.executeCommand('switchboardLmClient.direct', `${sim.url}/v1`);
  });
  after(async () => {
    if (!sim) return;
    await cfg().update('customProviders', undefined, vscode.ConfigurationTarget.Global);
    await cfg().update('languageModelPinnedHosts', undefined, vscode.ConfigurationTarget.Global);
    await sim.close();
  });

  it("lm_api_ttft_added_ms: first text part at the caller minus the engine attempt's own time to first token", async () => {
    // Each Switchboard call is paired with the same call to two providers in the test extension,
    // interleaved so the shared machine's load drifts over all three: one that answers at once (the
    // API's own round trip) and one that streams the same simulator answer with a bare fetch (the
    // least any provider over a real host adds, VS Code's holding of parts included).
    const added: number[] = [];
    const floor: number[] = [];
    const direct: number[] = [];
    let lastStart: number | undefined;
    for (let i = 0; i < 23; i++) {
      const r = await send('simbench:sim/text', `bench ${i}`);
      if (r.error || r.firstPartMs === undefined) throw new Error(`bench request failed: ${r.error?.message}`);
      // The provider returns at the answer's finish and the route settles behind it: wait for this request's report.
      const served = await eventually(async () => {
        const report = (await testState()).lastRouteReport as
          { attempts: { outcome: string; startedAt: number; ttftMs?: number }[] } | undefined;
        const a = report?.attempts.find((x) => x.outcome === 'success');
        return a && a.startedAt !== lastStart ? a : undefined;
      }, "this request's route report");
      lastStart = served.startedAt;
      const engineTtft = served.ttftMs;
      if (engineTtft === undefined) throw new Error('no engine ttft in the route report');
      const echo = await send('echo', `bench ${i}`, { vendor: 'switchboard-e2e-echo' });
      if (echo.error || echo.firstPartMs === undefined) throw new Error(`echo request failed: ${echo.error?.message}`);
      const bare = await send('direct', `bench ${i}`, { vendor: 'switchboard-e2e-direct' });
      const bareTtft = await vscode.commands.executeCommand<number | undefined>('switchboardLmClient.direct');
      if (bare.error || bare.firstPartMs === undefined || bareTtft === undefined)
        throw new Error(`direct request failed: ${bare.error?.message ?? 'no first token'}`);
      if (i < 3) continue; // the first three warm the connection and the code paths
      added.push(r.firstPartMs - engineTtft);
      floor.push(echo.firstPartMs);
      direct.push(bare.firstPartMs - bareTtft);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
    console.log(
      `[exthost] lm_api_ttft_added_ms=${median(added).toFixed(3)} p90=${p90(added).toFixed(3)} floor=${median(floor).toFixed(3)} n=${added.length} floor_p90=${p90(floor).toFixed(3)} direct=${median(direct).toFixed(3)} direct_p90=${p90(direct).toFixed(3)}`,
    );
  });
});
