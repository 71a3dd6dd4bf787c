import * as assert from 'node:assert/strict';
import { requestOptions } from '../../../../src/app/lm/request-options';

describe('requestOptions (modelOptions → request fields)', () => {
  it('reads temperature, output limit and stop sequences under their usual names', () => {
    assert.deepEqual(requestOptions({ temperature: 0.2, max_tokens: 500, stop: 'END' }), {
      temperature: 0.2,
      maxOutputTokens: 500,
      stopSequences: ['END'],
    });
    assert.deepEqual(requestOptions({ maxOutputTokens: 9, maxTokens: 7 }), { maxOutputTokens: 9 });
  });

  it('ignores a bad field and keeps the others', () => {
    assert.deepEqual(requestOptions({ temperature: 'hot', max_tokens: -1, stop: ['a', 'b'] }), { stopSequences: ['a', 'b'] });
    assert.deepEqual(requestOptions(undefined), {});
    assert.deepEqual(requestOptions('x'), {});
  });
});
