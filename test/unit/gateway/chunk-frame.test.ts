import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { sseFrame } from '../../../src/gateway/http-util';
import { chunkFramer } from '../../../src/gateway/openai/chunk-frame';

describe('Gateway: chat.completion.chunk frames', () => {
  it('are the bytes of the whole chunk serialised, for any model, delta and finish reason', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.nat(),
        fc.string(),
        fc.boolean(),
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.option(fc.string()),
        (id, created, model, includeUsage, delta, finish) => {
          const whole = {
            id,
            object: 'chat.completion.chunk',
            created,
            model,
            choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
            ...(includeUsage ? { usage: null } : {}),
          };
          assert.equal(chunkFramer(id, created, model, includeUsage)(delta, finish), sseFrame(whole));
        },
      ),
    );
  });

  it('leaves the finish reason null when none is given', () => {
    const frame = chunkFramer('chatcmpl-1', 7, 'm', false)({ content: 'hi' });
    assert.deepEqual(JSON.parse(frame.slice('data: '.length)).choices[0].finish_reason, null);
  });
});
