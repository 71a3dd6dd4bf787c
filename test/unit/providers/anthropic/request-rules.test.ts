// The Messages API's rules the request builder enforces, case by case: what is sent, what is left
// out, and the warning a caller sees for each parameter dropped or changed.
import * as assert from 'node:assert/strict';
import { buildAnthropicBody } from '../../../../src/core/providers/anthropic/build-request';
import { ANTHROPIC_PRESET } from '../../../../src/core/providers/anthropic/preset';
import type { ChatRequest, Warning } from '../../../../src/core/types';

const d = ANTHROPIC_PRESET;
const TOOL = { name: 'read', description: 'Read a file', parameters: { type: 'object' } };
const req = (r: Partial<ChatRequest>): ChatRequest => ({ model: 'claude-x', messages: [{ role: 'user', content: 'Hi' }], ...r });
function build(r: Partial<ChatRequest>, descriptor = d) {
  const warnings: Warning[] = [];
  return { body: buildAnthropicBody(req(r), descriptor, warnings), warnings };
}

describe('anthropic request rules', () => {
  it('only system turns go to system, and blank ones are left out', () => {
    const { body } = build({
      messages: [
        { role: 'system', content: 'A' },
        { role: 'user', content: 'question' },
        { role: 'system', content: '  \n' },
        { role: 'system', content: 'B' },
      ],
    });
    assert.equal(body.system, 'A\n\nB');
  });

  it('max_tokens comes from a positive request value rounded down, else the default', () => {
    const maxOf = (n: number | undefined) => build({ maxOutputTokens: n }).body.max_tokens;
    assert.equal(maxOf(1), 1);
    assert.equal(maxOf(100.7), 100);
    for (const bad of [0, 0.5, -3, Number.NaN, Number.POSITIVE_INFINITY, undefined]) assert.equal(maxOf(bad), 8192, String(bad));
    assert.equal(build({}, { ...d, defaultMaxOutputTokens: 512 }).body.max_tokens, 512);
  });

  it('no stop sequences, tools or tool choice are sent when the request has none', () => {
    const { body, warnings } = build({});
    assert.deepEqual(Object.keys(body).sort(), ['max_tokens', 'messages', 'model', 'stream']);
    assert.deepEqual(warnings, []);
  });

  it('a temperature in range is sent as is, silently; a non-finite one is not sent', () => {
    const ok = build({ temperature: 0.5 });
    assert.equal(ok.body.temperature, 0.5);
    assert.deepEqual(ok.warnings, []);
    assert.equal('temperature' in build({ temperature: Number.NaN }).body, false);
    const high = build({ temperature: 2 });
    assert.deepEqual(high.warnings, [
      { parameter: 'temperature', message: "Anthropic's temperature range is 0..1; 2 was sent as 1.", changed: true },
    ]);
  });

  it('thinking without a temperature warns about nothing; with one, about the temperature', () => {
    const opts = { providerOptions: { anthropic: { thinkingBudgetTokens: 2000 } } };
    assert.deepEqual(build(opts).warnings, []);
    assert.deepEqual(build({ ...opts, temperature: 0.3 }).warnings, [
      { parameter: 'temperature', message: 'Anthropic takes no temperature while thinking; it was not sent.' },
    ]);
  });

  it('options for another family leave thinking off', () => {
    const { body } = build({ providerOptions: { openai: { reasoningEffort: 'high' } } });
    assert.equal('thinking' in body, false);
  });

  it('thinking stays on with tool choice auto, or with a forced choice but no tools to force', () => {
    const reasoning = { effort: 'low' as const };
    assert.deepEqual(build({ reasoning, tools: [TOOL], toolChoice: 'auto' }).body.thinking, { type: 'enabled', budget_tokens: 2048 });
    const noTools = build({ reasoning, toolChoice: 'required' });
    assert.deepEqual(noTools.body.thinking, { type: 'enabled', budget_tokens: 2048 });
    assert.deepEqual(noTools.warnings, []);
  });

  it('a forced tool (any or one by name) turns thinking off with a reasoning warning', () => {
    for (const toolChoice of ['required', { type: 'tool', name: 'read' }] as const) {
      const { body, warnings } = build({ reasoning: { effort: 'low' }, tools: [TOOL], toolChoice });
      assert.equal('thinking' in body, false);
      assert.deepEqual(warnings, [
        { parameter: 'reasoning', message: 'Anthropic cannot think while a tool is forced; thinking was turned off for this request.' },
      ]);
    }
  });

  it('exclude cannot be honoured: thinking is on and the caller is told', () => {
    const { body, warnings } = build({ reasoning: { effort: 'minimal', exclude: true } });
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 1024 });
    assert.deepEqual(warnings, [
      { parameter: 'reasoning.exclude', message: 'Anthropic always returns thinking when it is on; exclude was not applied.' },
    ]);
  });

  it('tool choice: an explicit auto is sent; parallel off adds the flag except to none', () => {
    assert.deepEqual(build({ tools: [TOOL], toolChoice: 'auto' }).body.tool_choice, { type: 'auto' });
    assert.equal('tool_choice' in build({ tools: [TOOL] }).body, false);
    assert.deepEqual(build({ tools: [TOOL], toolChoice: 'none', parallelToolCalls: false }).body.tool_choice, { type: 'none' });
    assert.deepEqual(build({ tools: [TOOL], parallelToolCalls: false }).body.tool_choice, {
      type: 'auto',
      disable_parallel_tool_use: true,
    });
  });

  it('the answer tool tells the model its input is the answer', () => {
    const { body } = build({ responseFormat: { type: 'json_schema', name: 'verdict', schema: { type: 'object' } } });
    const [tool] = body.tools as { name: string; description: string }[];
    assert.equal(tool.name, 'verdict');
    assert.match(tool.description, /answer/);
  });

  it('a forced tool without thinking asked for warns about nothing', () => {
    assert.deepEqual(build({ tools: [TOOL], toolChoice: 'required' }).warnings, []);
  });

  it('a host without tools refuses a request with tools, before anything is sent', () => {
    assert.throws(
      () => build({ tools: [TOOL] }, { ...d, capabilities: { ...d.capabilities, tools: false } }),
      (e: { category?: string }) => e.category === 'bad_request',
    );
  });
});
