import * as assert from 'node:assert/strict';
import { newId } from '../../../src/gateway/ids';

describe('Gateway: answer ids', () => {
  it('are 24 hex digits after the vendor prefix, as the vendors send', () => {
    assert.match(newId('chatcmpl-'), /^chatcmpl-[0-9a-f]{24}$/);
    assert.match(newId('msg_'), /^msg_[0-9a-f]{24}$/);
  });

  it('never repeat within a process', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('x')));
    assert.equal(ids.size, 10_000);
  });
});
