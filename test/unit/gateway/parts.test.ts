// The gateway's small pure parts: client names, security checks, model names, arguments, folders, env keys.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { clientName } from '../../../src/gateway/client-name';
import { parseArgs } from '../../../src/gateway/headless/args';
import { EnvKeySource, switchboardKeyVar } from '../../../src/gateway/headless/env-keys';
import { defaultLedgerDir } from '../../../src/gateway/headless/ledger-dir';
import { settingsFromObject } from '../../../src/gateway/headless/settings-file';
import { formatUsd } from '../../../src/gateway/route-run';
import { modelsFor } from '../../../src/gateway/model-names';
import { checkRequest, hostAllowed, presentedToken } from '../../../src/gateway/security';
import { providerOptionsOf } from '../../../src/gateway/sampling';
import { anthropicToolUseEvents, openaiToolCallDelta } from '../../../src/gateway/tools/tools-out';
import { toolsFromAnthropic, toolsFromOpenAI } from '../../../src/gateway/tools/tools-in';

describe('Gateway parts', () => {
  it('names the client from its User-Agent', () => {
    assert.equal(clientName('claude-cli/2.1.328 (external, sdk-cli)'), 'claude-cli');
    assert.equal(clientName('aider/0.86.1'), 'aider');
    assert.equal(clientName('OpenAI/JS 6.49.0'), 'OpenAI/JS');
    assert.equal(clientName('Anthropic/JS 1.14.0'), 'Anthropic/JS');
    assert.equal(clientName('curl/8.5.0'), 'curl');
    assert.equal(clientName('a<script>b/1'), 'ascriptb');
    assert.equal(clientName(undefined), undefined);
    assert.equal(clientName('   '), undefined);
  });

  it('accepts only loopback Hosts with our port, and no Origin at all', () => {
    assert.ok(hostAllowed('127.0.0.1:8080', 8080) && hostAllowed('LOCALHOST:8080', 8080) && hostAllowed('[::1]:8080', 8080));
    assert.ok(!hostAllowed('127.0.0.1', 8080) && !hostAllowed('127.0.0.1.evil.com:8080', 8080) && !hostAllowed(undefined, 8080));
    assert.equal(checkRequest({ host: '127.0.0.1:1', authorization: 'Bearer t0ken' }, 1, 't0ken'), undefined);
    assert.equal(checkRequest({ host: '127.0.0.1:1', authorization: 'Bearer t0ken', origin: 'x' }, 1, 't0ken')?.status, 403);
    assert.equal(checkRequest({ host: '127.0.0.1:1', authorization: 'Bearer t0ke' }, 1, 't0ken')?.status, 401);
    assert.equal(presentedToken({ 'x-api-key': ' k ' }), 'k');
  });

  it('expands a named chain and passes any other name through', () => {
    assert.deepEqual(modelsFor('fast', { fast: ['a:b', 'c/d'] }), ['a:b', 'c/d']);
    assert.deepEqual(modelsFor('anthropic/claude-sonnet-4.5', { fast: ['a:b'] }), ['anthropic/claude-sonnet-4.5']);
    assert.deepEqual(modelsFor('constructor', {}), ['constructor']);
  });

  it('parses the command line and refuses anything else', () => {
    assert.deepEqual(parseArgs(['--port', '0', '--settings=s.json', '--ledger', 'L']), { port: 0, settings: 's.json', ledger: 'L' });
    assert.throws(() => parseArgs(['--port', '70000']), /0–65535/);
    assert.throws(() => parseArgs(['--host', '0.0.0.0']), /unknown argument/);
    assert.throws(() => parseArgs(['--ledger']), /needs a value/);
  });

  it('derives the extension’s ledger folder per platform', () => {
    assert.equal(
      defaultLedgerDir({}, 'linux', '/home/u'),
      path.join('/home/u', '.config', 'Code', 'User', 'globalStorage', 'switchboard-dev.switchboard', 'ledger'),
    );
    assert.equal(
      defaultLedgerDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u'),
      path.join('/x', 'Code', 'User', 'globalStorage', 'switchboard-dev.switchboard', 'ledger'),
    );
    assert.equal(
      defaultLedgerDir({}, 'darwin', '/Users/u'),
      path.join('/Users/u', 'Library', 'Application Support', 'Code', 'User', 'globalStorage', 'switchboard-dev.switchboard', 'ledger'),
    );
    assert.equal(
      defaultLedgerDir({ APPDATA: 'C:/AppData' }, 'win32', 'C:/u'),
      path.join('C:/AppData', 'Code', 'User', 'globalStorage', 'switchboard-dev.switchboard', 'ledger'),
    );
  });

  it('reads keys from the standard variable or SWITCHBOARD_KEY_<ID>, ignoring placeholders, and redacts them', async () => {
    const warnings: string[] = [];
    const keys = new EnvKeySource(
      { OPENAI_API_KEY: 'sk-env-0123456789', SWITCHBOARD_KEY_MY_PROXY: 'proxy-key-0123', ANTHROPIC_API_KEY: 'x' },
      (m) => warnings.push(m),
    );
    assert.equal(switchboardKeyVar('my-proxy'), 'SWITCHBOARD_KEY_MY_PROXY');
    assert.equal(await keys.get({ id: 'openai', envKey: 'OPENAI_API_KEY' }), 'sk-env-0123456789');
    assert.equal(await keys.get({ id: 'my-proxy' }), 'proxy-key-0123');
    assert.equal(await keys.get({ id: 'anthropic', envKey: 'ANTHROPIC_API_KEY' }), undefined);
    assert.match(warnings.join(), /ANTHROPIC_API_KEY/);
    assert.ok(!keys.redact('key proxy-key-0123 here').includes('proxy-key-0123'));
  });

  it('validates a settings file with the editor’s schema, reporting bad values', () => {
    const r = settingsFromObject({
      'switchboard.budgets': { dailyUsd: -1, action: 'block' },
      'switchboard.gateway': { port: 4141, fallbackChains: { x: ['a:b'] } },
    });
    assert.equal(r.settings.budgets.action, 'block');
    assert.ok(r.problems.some((p) => p.setting.startsWith('switchboard.budgets.dailyUsd')));
    assert.equal(r.settings.gateway.port, 4141);
    assert.deepEqual(settingsFromObject({ switchboard: { gateway: { port: 1 } } }).settings.gateway.port, 1);
  });

  it('puts sampling knobs where each family reads them', () => {
    const o = providerOptionsOf({ topP: 0.5, topK: 40, thinkingBudgetTokens: 2000 });
    assert.deepEqual(o.anthropic, { thinkingBudgetTokens: 2000, extraBody: { top_p: 0.5, top_k: 40 } });
    assert.deepEqual(o.openai, { reasoningEffort: 'low', extraBody: { top_p: 0.5 } });
    assert.deepEqual(o.gemini, { thinkingBudget: 2000, extraGenerationConfig: { topP: 0.5, topK: 40 } });
    assert.deepEqual(providerOptionsOf({}), {});
  });

  it('reads tool definitions of both protocols into one shape, and writes tool calls in each', () => {
    const fromOpenAI = toolsFromOpenAI([{ type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object' } } }]);
    const fromAnthropic = toolsFromAnthropic([{ name: 'f', description: 'd', input_schema: { type: 'object' } }], () => undefined);
    assert.deepEqual(fromOpenAI, fromAnthropic);
    const call = { id: 'call_1', name: 'f', argumentsJson: '{"a":1}' };
    assert.deepEqual(openaiToolCallDelta(call, 0), {
      index: 0,
      id: 'call_1',
      type: 'function',
      function: { name: 'f', arguments: '{"a":1}' },
    });
    assert.deepEqual(
      anthropicToolUseEvents(call, 1).map((e) => e.type),
      ['content_block_start', 'content_block_delta', 'content_block_stop'],
    );
  });

  it('formats a cost without an exponent', () => {
    assert.equal(formatUsd(0.000000123), '0.00000012');
    assert.equal(formatUsd(1.5), '1.5');
    assert.equal(formatUsd(0), '0');
  });
});
