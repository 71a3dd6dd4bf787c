// Reading one ledger line: the hand check that stands in for zod on a well-formed record must
// give exactly what the schema gives, and anything it does not vouch for goes the old way.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isPlainRecord, LedgerRecordSchema, parseRecordLine } from '../../../src/core/ledger/record';
import { jsonValue, mutate, paths } from '../shape-mutations';
import { entry } from './fixtures/entry';

const RECORD = { v: 1, ts: 1_767_000_000_000, ...entry('r1'), origin: 'chat', client: 'cli', errorCategory: 'network' };

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
});
