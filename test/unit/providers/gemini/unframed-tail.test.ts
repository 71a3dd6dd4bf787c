// The text after a Gemini body's last SSE boundary (a bare JSON error tail) must not depend on
// how the network cut the body, nor on which of SSE's three line endings the host used.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { UnframedTail } from '../../../../src/core/providers/gemini/unframed-tail';
import { geminiSse, rawErrorTail } from '../../../sim/gemini-wire';

/** What the tail must be: the whole body's text after its last boundary, trimmed. */
function expected(body: string): string {
  const cut = Math.max(...['\n\n', '\r\r', '\r\n\r\n'].map((b) => (body.lastIndexOf(b) >= 0 ? body.lastIndexOf(b) + b.length : 0)));
  return body.slice(cut).trim();
}

function tailOf(chunks: Uint8Array[]): string {
  const tail = new UnframedTail();
  for (const c of chunks) tail.append(c);
  return tail.text();
}

function cut(bytes: Buffer, at: number[]): Uint8Array[] {
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of [...points, bytes.length]) {
    if (p > last) out.push(bytes.subarray(last, p));
    last = p;
  }
  return out;
}

const BODIES = [
  geminiSse([{ parts: [{ text: 'Grüße 👋' }] }]) + rawErrorTail(503, 'UNAVAILABLE', 'The model is overloaded — später'),
  geminiSse([{ parts: [{ text: 'a' }] }], { lf: true }) + rawErrorTail(500, 'INTERNAL', 'boom'),
  geminiSse([{ parts: [{ text: 'a' }], finishReason: 'STOP' }]),
  'data: {"a":1}\r\r{"error":{"code":429}}',
  'data: {"a":1}\n\ndata: {"b":2}\r\n\r\n  ',
  '{"error":{"code":400,"message":"no boundary at all 日本"}}',
  'data: {"a":1}\r\n\r\ndata: {"b":2}\n\n{"error":{"code":500}}',
];

describe('gemini unframed tail', () => {
  for (const [i, body] of BODIES.entries()) {
    it(`body ${i}: the same tail however the bytes are cut`, async () => {
      const bytes = Buffer.from(body, 'utf8');
      assert.equal(await tailOf([bytes]), expected(body));
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (at) => {
          assert.equal(await tailOf(cut(bytes, at)), expected(body));
        }),
        { numRuns: 150 },
      );
    });
  }

  it('finds a boundary split across writes right after a short tail', async () => {
    assert.equal(await tailOf([Buffer.from('data: 1\n\nab\r\n'), Buffer.from('\r\n{"error":1}')]), '{"error":1}');
  });

  it('keeps a bounded tail of a body that never has a boundary', async () => {
    const text = await tailOf(Array.from({ length: 40 }, () => Buffer.from('x'.repeat(4096))));
    assert.ok(text.length <= 64_000 && text.length >= 60_000, `${text.length}`);
  });
});
