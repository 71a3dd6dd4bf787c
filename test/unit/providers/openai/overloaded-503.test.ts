// OpenAI types "engine overloaded" as a generic `server_error` with status 503: the OpenAI-compatible
// family and the Responses family both read the status then, so the two agree.
import * as assert from 'node:assert/strict';
import { parseOpenAIErrorBody } from '../../../../src/core/providers/openai/error-body';
import { parseResponsesErrorBody } from '../../../../src/core/providers/responses/error-body';

const OVERLOADED = {
  error: { message: 'The engine is currently overloaded, please try again later', type: 'server_error', param: null, code: null },
};

describe('OpenAI 503 "engine overloaded" (type server_error)', () => {
  for (const [family, parse] of [
    ['OpenAI-compatible', parseOpenAIErrorBody],
    ['Responses', parseResponsesErrorBody],
  ] as const) {
    it(`${family}: classed by its status, overloaded at 503 and server at 500`, () => {
      assert.equal(parse(OVERLOADED, 503)?.category, 'overloaded');
      assert.equal(parse(OVERLOADED, 500)?.category, 'server');
      assert.equal(parse({ error: { message: 'x', type: 'server_error', code: 'server_error' } }, 503)?.category, 'overloaded');
    });
  }

  it('both families give the same category for every server_error status', () => {
    for (const status of [500, 502, 503, 504, 529])
      assert.equal(
        parseOpenAIErrorBody(OVERLOADED, status)?.category,
        parseResponsesErrorBody(OVERLOADED, status)?.category,
        String(status),
      );
  });
});
