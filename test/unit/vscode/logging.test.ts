import * as assert from 'node:assert/strict';
import type { Endpoint } from '../../../src/core/catalog/types';
import { redactSecrets } from '../../../src/core/errors';
import type { AttemptReport, RouteReport } from '../../../src/core/router/types';
import { createSwitchboardLog, formatRequestLine } from '../../../src/vscode/logging';

const SENTINEL = 'sk-test-SENTINEL-logging-000000001';
const ep = (provider: string, modelId: string): Endpoint => ({
  canonicalModel: 'acme/model',
  provider,
  modelId,
  capabilities: { images: false, reasoning: false, tools: false },
  source: 'bundled',
});
const usage = { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 1000, cacheWriteTokens: 0, reasoningTokens: 20 };

function attempt(p: Partial<AttemptReport> & { endpoint: Endpoint }): AttemptReport {
  return { outcome: 'success', retry: 0, fallback: false, startedAt: 0, durationMs: 1000, ...p };
}

const fallbackReport: RouteReport = {
  strategy: 'price',
  servedBy: ep('openrouter', 'acme/model'),
  attempts: [
    attempt({ endpoint: ep('acme', 'model-1'), outcome: 'failed', status: 503, errorCategory: 'overloaded', durationMs: 40 }),
    attempt({
      endpoint: ep('openrouter', 'acme/model'),
      fallback: true,
      ttftMs: 400,
      durationMs: 1400,
      usage,
      charge: { usd: 0.0042, status: 'exact' },
    }),
  ],
};

describe('request log line', () => {
  it('names model, endpoint, attempts, status, tokens, cost and timings', () => {
    const line = formatRequestLine({ requested: ['acme/model'], report: fallbackReport, origin: 'chat' });
    assert.equal(
      line,
      'request [chat] model=acme/model endpoint=openrouter:acme/model attempts=2 (fallback) status=ok tokens in=1200 out=300 cached=1000 reasoning=20 cost=$0.004200 ttft=400ms total=1440ms tps=300.0 trail=[acme:model-1 failed 503 overloaded]',
    );
  });

  it('reports a request no endpoint served with its error', () => {
    const line = formatRequestLine({
      requested: ['a/b', 'c/d'],
      report: {
        strategy: 'balanced',
        attempts: [attempt({ endpoint: ep('x', 'b'), outcome: 'failed', status: 401, errorCategory: 'auth' })],
      },
    });
    assert.match(line, /endpoint=none attempts=1 status=failed http=401 error=auth/);
    assert.match(line, /cost=unknown/);
  });

  it('marks estimated and unpriced costs', () => {
    const line = formatRequestLine({
      requested: ['m'],
      report: {
        strategy: 'price',
        servedBy: ep('p', 'm'),
        attempts: [
          attempt({ endpoint: ep('q', 'm'), outcome: 'partial', charge: { usd: undefined, status: 'unpriced' } }),
          attempt({ endpoint: ep('p', 'm'), charge: { usd: 0.5, status: 'estimated' } }),
        ],
      },
    });
    assert.match(line, /cost=\$0\.500000 \(estimated\) \(\+unpriced\)/);
  });
});

describe('SwitchboardLog', () => {
  function channel() {
    const lines: string[] = [];
    const f = (lvl: string) => (m: string) => void lines.push(`${lvl} ${m}`);
    return { lines, ch: { info: f('info'), warn: f('warn'), error: f('error'), debug: f('debug') } };
  }

  it('never writes a key, even inside an error message', () => {
    const { lines, ch } = channel();
    const log = createSwitchboardLog(ch, { redact: (t) => redactSecrets(t, [SENTINEL]), logPrompts: () => true });
    log.error(`upstream said: invalid key ${SENTINEL}`);
    log.request({ requested: ['m'], report: fallbackReport, prompt: `my key is ${SENTINEL}`, output: 'hi' });
    assert.ok(lines.length >= 3);
    assert.ok(
      lines.every((l) => !l.includes(SENTINEL)),
      lines.join('\n'),
    );
  });

  it('logs prompts and outputs only when opted in', () => {
    let optIn = false;
    const { lines, ch } = channel();
    const log = createSwitchboardLog(ch, { redact: (t) => t, logPrompts: () => optIn });
    log.request({ requested: ['m'], report: fallbackReport, prompt: 'SECRET PROMPT', output: 'SECRET OUTPUT' });
    assert.equal(lines.length, 1);
    assert.ok(!lines[0].includes('SECRET'));
    optIn = true;
    log.request({ requested: ['m'], report: fallbackReport, prompt: 'SECRET PROMPT', output: 'SECRET OUTPUT' });
    assert.equal(lines.length, 4);
    assert.match(lines[2], /prompt: "SECRET PROMPT"/);
    assert.match(lines[3], /output: "SECRET OUTPUT"/);
  });

  it('logs a failed request as a warning', () => {
    const { lines, ch } = channel();
    const log = createSwitchboardLog(ch, { redact: (t) => t, logPrompts: () => false });
    log.request({ requested: ['m'], report: { strategy: 'price', attempts: [] } });
    assert.match(lines[0], /^warn request model=m endpoint=none attempts=0 status=no-endpoint/);
  });
});
