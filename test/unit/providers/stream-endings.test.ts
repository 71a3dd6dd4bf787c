// How a stream ends decides what the user is shown and billed: a last event without its blank
// line is still the answer, a cut-short answer is not shown as complete, the last usage counts.
import * as assert from 'node:assert/strict';
import type { StreamEvent } from '../../../src/core/types';
import { completeFrames } from '../../sim/anthropic-wire';
import { NORMAL_SCENARIOS } from '../../sim/anthropic-scenarios';
import { geminiSse } from '../../sim/gemini-wire';
import { chunk, deltaChoice, frames, wireUsage } from '../../sim/openai-wire';
import { sseBytes } from '../../sim/server';
import { eventsOf, FAMILIES } from './canned-body';

const enc = (s: string) => Buffer.from(s, 'utf8');
const h = { id: 'c1', model: 'm', created: 1 };
const usages = (ev: StreamEvent[]) => ev.flatMap((e) => (e.type === 'usage' ? [e.usage] : []));
const finishOf = (ev: StreamEvent[]) => ev.find((e): e is Extract<StreamEvent, { type: 'finish' }> => e.type === 'finish');
const errorOf = (ev: StreamEvent[]) => ev.find((e): e is Extract<StreamEvent, { type: 'error' }> => e.type === 'error')?.error;

describe('stream endings', () => {
  describe('the last event without a blank line after it is delivered', () => {
    const lastChunk = chunk(h, [deltaChoice({ content: ' end' }, 'stop')]);
    const start = frames([chunk(h, [deltaChoice({ role: 'assistant', content: 'the' })])], { done: false });
    for (const [what, tail] of [
      ['one newline', `data: ${JSON.stringify(lastChunk)}\n`],
      ['no newline', `data: ${JSON.stringify(lastChunk)}`],
    ] as const) {
      it(`openai: finish chunk followed by ${what} and the end of the body`, async () => {
        const ev = await eventsOf(FAMILIES.openai, [enc(start), enc(tail)]);
        assert.equal(errorOf(ev), undefined, 'not reported as cut off (which the router would retry, billing twice)');
        assert.equal(
          ev
            .filter((e) => e.type === 'text-delta')
            .map((e) => (e as { text: string }).text)
            .join(''),
          'the end',
        );
        assert.equal(finishOf(ev)?.reason, 'stop');
      });
    }

    it('anthropic: message_stop with no blank line', async () => {
      const body = sseBytes(completeFrames(NORMAL_SCENARIOS.ok.spec, 'claude-sim')).replace(/\n\n$/, '\n');
      const ev = await eventsOf(FAMILIES.anthropic, [enc(body)]);
      assert.equal(errorOf(ev), undefined);
      assert.equal(finishOf(ev)?.reason, 'stop');
    });

    it('gemini: the final candidate with no blank line', async () => {
      const body = geminiSse([
        { parts: [{ text: 'Hi' }], usage: { prompt: 3 } },
        { parts: [{ text: '!' }], finishReason: 'STOP', usage: { prompt: 3, candidates: 2 } },
      ]).replace(/\r\n\r\n$/, '');
      const ev = await eventsOf(FAMILIES.gemini, [enc(body)]);
      assert.equal(errorOf(ev), undefined);
      assert.equal(finishOf(ev)?.reason, 'stop');
      assert.equal(usages(ev).at(-1)?.outputTokens, 2);
    });
  });

  describe('an OpenAI-compatible answer cut at the token limit never reads as complete', () => {
    for (const raw of ['length', 'max_tokens']) {
      for (const where of ['own chunk', 'last content chunk']) {
        it(`finish_reason ${raw} in its ${where}`, async () => {
          const objs =
            where === 'own chunk'
              ? [chunk(h, [deltaChoice({ content: 'Cut' })]), chunk(h, [deltaChoice({}, raw)])]
              : [
                  chunk(h, [deltaChoice({ content: 'Cut' })]),
                  chunk(h, [deltaChoice({ content: ' short' }, raw)], { usage: wireUsage({ prompt: 3, completion: 2 }) }),
                ];
          const ev = await eventsOf(FAMILIES.openai, [enc(frames(objs))]);
          assert.equal(finishOf(ev)?.reason, 'length');
          assert.equal(finishOf(ev)?.rawReason, raw);
        });
      }
    }
  });

  describe('usage sent twice in one stream: the last one wins, once', () => {
    it('openai: usage on the last content chunk and again in a final chunk', async () => {
      const objs = [
        chunk(h, [deltaChoice({ content: 'a' }, 'stop')], { usage: wireUsage({ prompt: 10, completion: 1 }) }),
        chunk(h, [], { usage: wireUsage({ prompt: 10, completion: 7 }) }),
      ];
      const ev = await eventsOf(FAMILIES.openai, [enc(frames(objs))]);
      assert.deepEqual(
        usages(ev).map((u) => u.outputTokens),
        [7],
      );
    });

    it('anthropic: message_delta usage sent twice', async () => {
      const spec = { ...NORMAL_SCENARIOS.ok.spec, usage: { input: 25, output: 12 }, interimOutputs: [3] };
      const ev = await eventsOf(FAMILIES.anthropic, [enc(sseBytes(completeFrames(spec, 'claude-sim')))]);
      assert.deepEqual(
        usages(ev).map((u) => [u.inputTokens, u.outputTokens]),
        [[25, 12]],
      );
    });

    it('gemini: usageMetadata in every frame, growing', async () => {
      const body = geminiSse([
        { parts: [{ text: 'a' }], usage: { prompt: 5, candidates: 1 } },
        { parts: [{ text: 'b' }], finishReason: 'STOP', usage: { prompt: 5, candidates: 6 } },
      ]);
      const ev = await eventsOf(FAMILIES.gemini, [enc(body)]);
      assert.deepEqual(
        usages(ev).map((u) => u.outputTokens),
        [6],
      );
    });
  });
});
