import * as assert from 'node:assert/strict';
import { exportLines, gatewayEnv, shellQuote, terminalEnvDescription } from '../../../../src/app/gateway/terminal-env';

describe('Gateway terminal variables', () => {
  it('gives OpenAI clients /v1 and Anthropic clients the bare base, both with the token', () => {
    assert.deepEqual(Object.fromEntries(gatewayEnv('http://127.0.0.1:4141/', 'tok')), {
      OPENAI_BASE_URL: 'http://127.0.0.1:4141/v1',
      OPENAI_API_KEY: 'tok',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:4141',
      ANTHROPIC_AUTH_TOKEN: 'tok',
    });
  });

  it('quotes values so a shell reads them back unchanged', () => {
    assert.equal(shellQuote(`a'b $x`), `'a'\\''b $x'`);
    assert.equal(exportLines('http://127.0.0.1:1', 't').split('\n')[0], `export OPENAI_BASE_URL='http://127.0.0.1:1/v1'`);
    assert.equal(exportLines('http://127.0.0.1:1', 't').split('\n').length, 4);
  });

  it('names the variables but never the token in the description', () => {
    const d = terminalEnvDescription('http://127.0.0.1:1');
    for (const v of ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_AUTH_TOKEN']) assert.ok(d.includes(v));
  });
});
