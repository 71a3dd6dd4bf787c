// Leak check shared by the redaction tests: a cut key is still a leak.
import * as assert from 'node:assert/strict';

/** Fails when any run of `n` consecutive characters of `key` survives in `text`. */
export function assertNoKeyFragment(text: string, key: string, n = 8): void {
  for (let i = 0; i + n <= key.length; i++) {
    const frag = key.slice(i, i + n);
    assert.ok(!text.includes(frag), `fragment "${frag}" of the key leaked into: ${text}`);
  }
}
