// A host that ignores `stream: true` answers with one JSON object: each family reads it as the
// complete answer (text, reasoning, usage, finish reason), not as an empty, retryable stream.
import * as assert from 'node:assert/strict';
import type { StreamEvent } from '../../../src/core/types';
import { geminiFrame } from '../../sim/gemini-wire';
import { eventsOf, FAMILIES } from './canned-body';

const JSON_HEADERS = { 'content-type': 'application/json' };
const enc = (o: unknown) => [Buffer.from(JSON.stringify(o), 'utf8')];

function summary(ev: StreamEvent[]) {
  let text = '';
  let reasoning = '';
  for (const e of ev) {
    if (e.type === 'text-delta') text += e.text;
    else if (e.type === 'reasoning-delta') reasoning += e.text;
  }
  const usage = ev.filter((e) => e.type === 'usage').map((e) => (e as { usage: { inputTokens: number; outputTokens: number } }).usage);
  const finish = ev.find((e) => e.type === 'finish') as { reason: string } | undefined;
  const error = ev.find((e) => e.type === 'error') as { error: Error & { category: string } } | undefined;
  return { text, reasoning, usage: usage.map((u) => [u.inputTokens, u.outputTokens]), finish: finish?.reason, error: error?.error };
}

describe('a JSON answer to a streaming request', () => {
  it('anthropic: a complete Messages response', async () => {
    const message = {
      id: 'msg_01',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'thinking', thinking: 'Let me see.', signature: 'sig' },
        { type: 'text', text: 'Grüße, ' },
        { type: 'text', text: 'world 👋' },
      ],
      stop_reason: 'max_tokens',
      stop_sequence: null,
      usage: { input_tokens: 12, output_tokens: 30, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    };
    const s = summary(await eventsOf(FAMILIES.anthropic, enc(message), JSON_HEADERS));
    assert.equal(s.error, undefined, s.error?.message);
    assert.equal(s.text, 'Grüße, world 👋');
    assert.equal(s.reasoning, 'Let me see.');
    assert.deepEqual(s.usage, [[12, 30]]);
    assert.equal(s.finish, 'length');
  });

  it('anthropic: an error object in a 200 JSON body is that error', async () => {
    const s = summary(
      await eventsOf(FAMILIES.anthropic, enc({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }), JSON_HEADERS),
    );
    assert.equal(s.error?.category, 'overloaded');
  });

  it('gemini: a generateContent response', async () => {
    const body = geminiFrame({
      parts: [{ text: 'Thinking…', thought: true }, { text: 'Hello, world' }],
      finishReason: 'STOP',
      usage: { prompt: 7, candidates: 3 },
    });
    const s = summary(await eventsOf(FAMILIES.gemini, enc(body), JSON_HEADERS));
    assert.equal(s.error, undefined, s.error?.message);
    assert.equal(s.text, 'Hello, world');
    assert.equal(s.reasoning, 'Thinking…');
    assert.deepEqual(s.usage, [[7, 3]]);
    assert.equal(s.finish, 'stop');
  });

  it('gemini: a JSON array of frames', async () => {
    const body = [
      geminiFrame({ parts: [{ text: 'Hel' }], usage: { prompt: 7 } }),
      geminiFrame({ parts: [{ text: 'lo' }], finishReason: 'MAX_TOKENS', usage: { prompt: 7, candidates: 2 } }),
    ];
    const s = summary(await eventsOf(FAMILIES.gemini, enc(body), JSON_HEADERS));
    assert.equal(s.error, undefined, s.error?.message);
    assert.equal(s.text, 'Hello');
    assert.equal(s.finish, 'length');
  });

  it('openai: an error object in a 200 JSON body is that error, not an empty answer', async () => {
    const s = summary(
      await eventsOf(
        FAMILIES.openai,
        enc({ error: { message: 'Upstream overloaded', code: 502, metadata: { error_type: 'provider_overloaded' } } }),
        JSON_HEADERS,
      ),
    );
    assert.equal(s.error?.category, 'overloaded');
  });
});
