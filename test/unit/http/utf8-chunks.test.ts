// The streamed body's decoder must give exactly what TextDecoder gives, for any bytes cut anywhere.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Utf8Chunks } from '../../../src/core/http/utf8-chunks';

/** Bytes rich in multi-byte starts, continuations, surrogate encodings and byte order marks. */
const bytes = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 255 }),
    fc.constantFrom(0xef, 0xbb, 0xbf, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xc3, 0xa9, 0xed, 0xa0, 0xf4, 0x90, 0xc0, 0x0a),
  ),
  { maxLength: 48 },
);

function cut(buf: Uint8Array, at: number[]): Uint8Array[] {
  const points = [...new Set(at.map((p) => Math.min(p, buf.length)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let start = 0;
  for (const p of points) {
    parts.push(buf.subarray(start, p));
    start = p;
  }
  parts.push(buf.subarray(start));
  return parts;
}

function viaTextDecoder(parts: Uint8Array[]): string {
  const d = new TextDecoder('utf-8');
  return parts.map((p) => d.decode(p, { stream: true })).join('') + d.decode();
}

function viaUtf8Chunks(parts: Uint8Array[]): string {
  const d = new Utf8Chunks();
  return parts.map((p) => d.write(p)).join('') + d.end();
}

describe('Utf8Chunks', () => {
  it('gives what TextDecoder gives for any bytes, however they are cut', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(48), { maxLength: 6 }), fc.boolean(), (body, at, bom) => {
        const buf = Uint8Array.from(bom ? [0xef, 0xbb, 0xbf, ...body] : body);
        const parts = cut(buf, at);
        assert.equal(viaUtf8Chunks(parts), viaTextDecoder(parts));
      }),
      { numRuns: 5000 },
    );
  });

  it('drops one byte order mark at the start, also when it arrives a byte at a time, and keeps any other', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const data = [...new TextEncoder().encode('data: x')];
    const split = [[], bom.slice(0, 1), bom.slice(1, 2), [...bom.slice(2), ...bom], data].map((p) => Uint8Array.from(p));
    assert.equal(viaUtf8Chunks(split), '\ufeffdata: x');
    assert.equal(viaUtf8Chunks([Uint8Array.from([...data, ...bom])]), 'data: x\ufeff');
    // A later chunk that starts with one is in the middle of the body: kept.
    assert.equal(viaUtf8Chunks([Uint8Array.from(data), Uint8Array.from([...bom, ...data])]), 'data: x\ufeffdata: x');
  });

  it('turns a character cut off at the end into U+FFFD', () => {
    assert.equal(viaUtf8Chunks([Uint8Array.from([0x61, 0xe2, 0x82])]), 'a\ufffd');
  });
});
