// One bad number (a negative duration after a clock step, NaN that JSON turned into null) must
// not make the webview refuse a finished turn or every later state.
import * as assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { conversationSchema, parseMessage, toWebviewMessages } from '../../../src/shared/protocol';

const turn = (meta: Record<string, unknown>, createdAt: unknown = 1) => ({ id: 't1', role: 'assistant', text: 'answer', createdAt, meta });
const goodMeta = {
  provider: 'openai',
  ttftMs: 12,
  durationMs: 300,
  usage: { inputTokens: 5, outputTokens: 7, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
  charge: { usd: 0.001, status: 'exact' },
};

describe('protocol salvage of bad numbers', () => {
  it('accepts a turnDone whose duration is negative, dropping only that field', () => {
    const p = parseMessage(toWebviewMessages, {
      type: 'turnDone',
      payload: { conversationId: 'c1', turn: turn({ ...goodMeta, durationMs: -2990 }) },
    });
    assert.ok(p.ok, p.ok ? '' : p.reason);
    const meta = (p.payload as { turn: { meta: Record<string, unknown> } }).turn.meta;
    assert.equal(meta.durationMs, undefined);
    assert.equal(meta.ttftMs, 12, 'the good fields stay');
  });

  it('accepts a state whose conversation carries bad numbers anywhere, clamping counts and money', () => {
    const usage = { inputTokens: -3, outputTokens: 7.5, cacheReadTokens: null, cacheWriteTokens: 0, reasoningTokens: 0 };
    const conversation = {
      id: 'c1',
      title: 't',
      createdAt: null,
      updatedAt: 5,
      messages: [turn({ ...goodMeta, usage, charge: { usd: -1, status: 'exact' }, tokensPerSecond: -4 }, null)],
    };
    const p = parseMessage(toWebviewMessages, {
      type: 'state',
      payload: { conversations: [{ id: 'c1', title: 't', updatedAt: -1, messageCount: -2 }], conversation, busy: false },
    });
    assert.ok(p.ok, p.ok ? '' : p.reason);
    const got = (p.payload as { conversation: z.infer<typeof conversationSchema> }).conversation;
    assert.deepEqual(got.messages[0].meta?.usage, {
      inputTokens: 0,
      outputTokens: 8,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
    assert.equal(got.messages[0].meta?.charge?.usd, undefined, 'a negative cost is not shown as a price');
    assert.equal(got.messages[0].meta?.tokensPerSecond, undefined);
    assert.equal(got.messages[0].createdAt, 0);
    assert.equal(got.createdAt, 0);
  });

  it('still refuses what is not a turn at all', () => {
    assert.equal(
      parseMessage(toWebviewMessages, { type: 'turnDone', payload: { conversationId: 'c1', turn: { id: 't1', role: 'robot' } } }).ok,
      false,
    );
  });
});
