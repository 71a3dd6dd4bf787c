// Reading one ledger line: the hand check that stands in for zod on a well-formed record must
// give exactly what the schema gives, and anything it does not vouch for goes the old way.
import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { isPlainRecord, LedgerRecordSchema, parseRecordLine } from '../../../src/core/ledger/record';
import { jsonValue, mutate, paths } from '../shape-mutations';
import { entry } from './fixtures/entry';
import { ledgerAt, memLogger } from './fixtures/ledger';

const RECORD = { v: 1, ts: 1_767_000_000_000, ...entry('r1'), origin: 'chat', client: 'cli', errorCategory: 'network', requestStart: true };

describe('ledger record lines', () => {
  it('a well-formed record skips zod and reads as zod reads it', () => {
    assert.ok(isPlainRecord(RECORD));
    assert.deepEqual(parseRecordLine(JSON.stringify(RECORD)), { record: LedgerRecordSchema.parse(RECORD), clamped: [] });
  });

  it('any one field changed, removed or added: the same result as the schema, and the check never accepts what zod rejects', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths(RECORD)), fc.option(jsonValue, { nil: undefined }), (path, value) => {
        // Through JSON and back, as a stored line is (-0 is written as 0).
        const raw = JSON.parse(JSON.stringify(mutate(RECORD, path, value)));
        const strict = LedgerRecordSchema.safeParse(raw);
        if (isPlainRecord(raw)) assert.ok(strict.success, `accepted what zod rejects: ${JSON.stringify(raw)}`);
        if (strict.success) assert.deepEqual(parseRecordLine(JSON.stringify(raw)), { record: strict.data, clamped: [] });
      }),
      { numRuns: 3000 },
    );
  });

  it('numbers JSON reads as Infinity, and unknown fields, go through zod', () => {
    const line = JSON.stringify(RECORD).replace('"inputTokens":1200', '"inputTokens":1e400');
    assert.deepEqual(parseRecordLine(line)?.clamped, ['inputTokens']);
    assert.ok(!isPlainRecord({ ...RECORD, newField: 1 }));
    assert.deepEqual(parseRecordLine(JSON.stringify({ ...RECORD, newField: 1 }))?.record, LedgerRecordSchema.parse(RECORD));
  });

  // Digests check their recent records with the hand check, so one it wrongly refuses voids the digest.
  it('a record the schema takes as it is, with nothing to strip, is vouched for by the hand check', () => {
    const plain = (raw: unknown) => {
      const strict = LedgerRecordSchema.safeParse(raw);
      return strict.success && isDeepStrictEqual(strict.data, raw);
    };
    fc.assert(
      fc.property(fc.constantFrom(...paths(RECORD)), fc.option(jsonValue, { nil: undefined }), (path, value) => {
        const raw = JSON.parse(JSON.stringify(mutate(RECORD, path, value)));
        if (plain(raw)) assert.ok(isPlainRecord(raw), `refused what zod takes as it is: ${JSON.stringify(raw)}`);
      }),
      { numRuns: 600 },
    );
    const { costUsd: _c, ttftMs: _t, cacheSavedUsd: _s, requestStart: _r, ...bare } = RECORD;
    for (const r of [
      bare,
      { ...bare, costStatus: 'unpriced', requestStart: false },
      { ...RECORD, ts: 0, cacheSavedUsd: -0.004 },
      { ...RECORD, origin: 'o'.repeat(40), client: 'c'.repeat(80) },
    ]) {
      assert.ok(plain(r), JSON.stringify(r));
      assert.ok(isPlainRecord(r), JSON.stringify(r));
    }
  });

  it('a line that is JSON but not an object is foreign', () => {
    for (const line of ['null', '5', '"x"', 'true', '[1]', '[]']) assert.equal(parseRecordLine(line), undefined, line);
    assert.equal(isPlainRecord(null), false);
  });

  it('a non-finite number is dropped from an optional field and the clamp reported; a line with an unknown field reads as without it', () => {
    const inf = JSON.stringify(RECORD).replace('"cacheSavedUsd":0.00216', '"cacheSavedUsd":1e400');
    const { cacheSavedUsd: _s, ...without } = RECORD;
    assert.deepEqual(parseRecordLine(inf), { record: LedgerRecordSchema.parse(without), clamped: ['cacheSavedUsd'] });
    // Two days is long, but the schema takes it: from a newer writer too, it is not clamped.
    const long = { ...RECORD, durationMs: 172_800_000 };
    assert.deepEqual(parseRecordLine(JSON.stringify({ ...long, newField: 1 })), parseRecordLine(JSON.stringify(long)));
    assert.deepEqual(parseRecordLine(JSON.stringify(long))?.clamped, []);
  });

  it('on append, only the numbers out of range are clamped: large counts and a negative saving are kept, a NaN timing dropped', () => {
    const log = memLogger();
    const l = ledgerAt(Date.now(), { logger: log });
    const r = l.append(
      entry('big', { inputTokens: 120_000_000, cacheReadTokens: 90_000_000, durationMs: -5, ttftMs: NaN, cacheSavedUsd: -0.004 }),
    );
    assert.deepEqual(
      { inputTokens: r.inputTokens, cacheReadTokens: r.cacheReadTokens, durationMs: r.durationMs, cacheSavedUsd: r.cacheSavedUsd },
      { inputTokens: 120_000_000, cacheReadTokens: 90_000_000, durationMs: 0, cacheSavedUsd: -0.004 },
    );
    assert.ok(!('ttftMs' in r), 'a NaN time to first token is left out, not stored as an instant 0 ms');
    assert.deepEqual(log.lines, ['warn Spend ledger: record big recorded with durationMs, ttftMs out of range; clamped, its spend kept.']);
    assert.equal(l.spent('day').cacheSavedUsd, -0.004);
  });

  it('a record whose id is not a non-empty string is foreign', () => {
    for (const id of [5, {}, { length: 2 }, ['x'], ''])
      assert.equal(parseRecordLine(JSON.stringify({ ...RECORD, id })), undefined, JSON.stringify(id));
  });
});
