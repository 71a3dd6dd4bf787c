// The ProviderError a synchronous call throws, failing the test when it throws nothing or something else.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';

export function thrown(fn: () => unknown): ProviderError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ProviderError, String(e));
    return e;
  }
  assert.fail('expected a ProviderError');
}
