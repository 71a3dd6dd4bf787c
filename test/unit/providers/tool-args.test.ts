// A finished call's argument text as the caller's tool receives it, and the reasoning budget a
// budget-style host is sent for each control.
import * as assert from 'node:assert/strict';
import { budgetFor, EFFORT_BUDGET_TOKENS } from '../../../src/core/providers/reasoning-control';
import { finishedToolCall } from '../../../src/core/providers/tool-args';

describe('finished tool calls', () => {
  it('a JSON object is the arguments; blank text is no arguments', () => {
    assert.deepEqual(finishedToolCall('c', 'f', '{"a":1}'), {
      type: 'tool-call',
      call: { type: 'tool-call', id: 'c', name: 'f', args: { a: 1 } },
    });
    assert.deepEqual(finishedToolCall('c', 'f', ' \n', { syntheticId: true }), {
      type: 'tool-call',
      call: { type: 'tool-call', id: 'c', name: 'f', args: {}, syntheticId: true },
    });
  });

  it('JSON that is not an object (an array, null, a number, a string) is an invalid call with the raw text', () => {
    for (const raw of ['[1,2]', 'null', '42', '"text"']) {
      assert.deepEqual(finishedToolCall('c', 'f', raw), {
        type: 'tool-call-invalid',
        id: 'c',
        name: 'f',
        rawArgs: raw,
        reason: 'The arguments are not a JSON object.',
      });
    }
  });

  it('text that is not JSON is an invalid call whose reason quotes the parser', () => {
    const e = finishedToolCall('c', 'f', '{"a":');
    assert.equal(e.type, 'tool-call-invalid');
    if (e.type === 'tool-call-invalid') assert.match(e.reason, /^The arguments are not valid JSON \(.+\)\.$/);
  });
});

describe('reasoning budget', () => {
  it('a positive maxTokens is the budget, rounded down; anything else falls back to the effort', () => {
    assert.equal(budgetFor({ effort: 'low', maxTokens: 3000.7 }), 3000);
    for (const maxTokens of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, undefined])
      assert.equal(budgetFor({ effort: 'high', maxTokens }), EFFORT_BUDGET_TOKENS.high, String(maxTokens));
  });
});
