// What every family checks before sending: a feature the host cannot serve is refused, the one
// reasoning control is mapped or ignored with a warning, and build-time outcomes become events.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { ANTHROPIC_PRESET } from '../../../src/core/providers/anthropic/preset';
import type { ProviderDescriptor } from '../../../src/core/providers/descriptor';
import { budgetFor, reasoningStyle } from '../../../src/core/providers/reasoning-control';
import { assertServes } from '../../../src/core/providers/unsupported';
import { failedStream, warningEvents } from '../../../src/core/providers/warnings';
import type { ChatRequest, StreamEvent, Warning } from '../../../src/core/types';

const host = (caps: Partial<ProviderDescriptor['capabilities']>): ProviderDescriptor => ({
  ...ANTHROPIC_PRESET,
  id: 'h',
  displayName: 'Host',
  capabilities: { ...ANTHROPIC_PRESET.capabilities, ...caps },
});
const TOOL = { name: 'f', parameters: { type: 'object' } };
const SCHEMA = { type: 'json_schema' as const, name: 'a', schema: {} };
const req = (r: Partial<ChatRequest>): ChatRequest => ({ model: 'm', messages: [], ...r });

function refusal(r: ChatRequest, d: ProviderDescriptor): ProviderError | undefined {
  try {
    assertServes(r, d);
  } catch (e) {
    assert.ok(e instanceof ProviderError);
    return e;
  }
  return undefined;
}

describe('features a host cannot serve', () => {
  it('tools on a host without tools, or a schema on one without structured output, is a final bad_request', () => {
    const tools = refusal(req({ tools: [TOOL] }), host({ tools: false }));
    assert.deepEqual(
      [tools?.category, tools?.retryable, tools?.provider, tools?.message],
      ['bad_request', false, 'h', 'Host cannot call tools.'],
    );
    const schema = refusal(req({ responseFormat: SCHEMA }), host({ structuredOutput: false }));
    assert.equal(schema?.message, 'Host cannot answer in a JSON schema.');
  });

  it('a host that says nothing, or yes, serves both; an empty tool list needs no tools', () => {
    assert.equal(refusal(req({ tools: [TOOL], responseFormat: SCHEMA }), host({})), undefined);
    assert.equal(refusal(req({ tools: [TOOL], responseFormat: SCHEMA }), host({ tools: true, structuredOutput: true })), undefined);
    assert.equal(refusal(req({ tools: [] }), host({ tools: false })), undefined);
    assert.equal(refusal(req({}), host({ tools: false, structuredOutput: false })), undefined);
  });
});

describe('the reasoning control', () => {
  it("a host's own style wins; a reasoning host without one takes the family's; others warn", () => {
    const warnings: Warning[] = [];
    assert.equal(reasoningStyle(host({ reasoningControl: 'level' }), 'budget', warnings), 'level');
    assert.equal(reasoningStyle(host({ reasoning: true }), 'budget', warnings), 'budget');
    assert.deepEqual(warnings, []);
    assert.equal(reasoningStyle(host({ reasoning: false }), 'budget', warnings), undefined);
    assert.deepEqual(warnings, [{ parameter: 'reasoning', message: 'Host has no reasoning control; the reasoning setting was ignored.' }]);
  });

  it("a budget is the control's own positive token count rounded down, else the effort's", () => {
    assert.equal(budgetFor({ effort: 'low', maxTokens: 5000.9 }), 5000);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, undefined])
      assert.equal(budgetFor({ effort: 'high', maxTokens: bad }), 24576);
  });
});

describe('build-time outcomes as events', () => {
  it('one warning event per warning', () => {
    const w: Warning = { parameter: 'temperature', message: 'dropped' };
    assert.deepEqual(warningEvents([w]), [{ type: 'warning', warning: w }]);
    assert.deepEqual(warningEvents([]), []);
  });

  it('a request that could not be built streams its error then an error finish; a plain error becomes a final bad_request', async () => {
    const drain = async (s: AsyncIterable<StreamEvent>) => {
      const out: StreamEvent[] = [];
      for await (const e of s) out.push(e);
      return out;
    };
    const typed = new ProviderError({ category: 'auth', provider: 'h', message: 'no key' });
    assert.deepEqual(await drain(failedStream('h', typed)), [
      { type: 'error', error: typed },
      { type: 'finish', reason: 'error' },
    ]);
    const [plain, finish] = await drain(failedStream('h', new Error('bad schema')));
    assert.ok(plain.type === 'error');
    assert.deepEqual(
      [plain.error.category, plain.error.retryable, plain.error.provider, plain.error.message],
      ['bad_request', false, 'h', 'Error: bad schema'],
    );
    assert.deepEqual(finish, { type: 'finish', reason: 'error' });
  });
});
