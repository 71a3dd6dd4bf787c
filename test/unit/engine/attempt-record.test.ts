// What one attempt leaves in the ledger: every token count as reported, and cache savings only
// when reading from the cache was actually cheaper.
import * as assert from 'node:assert/strict';
import type { Price } from '../../../src/core/catalog/types';
import { ledgerEntryOf } from '../../../src/core/engine';
import type { AttemptReport } from '../../../src/core/router/types';
import { ep } from '../router/fakes';

const ctx = { routeId: 'r', requestedModels: ['vendor/m'], conversationId: 'conv', origin: 'chat' as const, client: 'cli' };
const attempt = (price: Price | undefined, over: Partial<AttemptReport> = {}): AttemptReport => ({
  endpoint: ep('p', 'm', 'vendor/m', { price }),
  outcome: 'success',
  retry: 0,
  fallback: true,
  startedAt: 0,
  durationMs: 10,
  ...over,
});
const usage = { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 300, cacheWriteTokens: 40, reasoningTokens: 50 };

describe('ledgerEntryOf', () => {
  it('records every token count the attempt reported, with its charge and where it came from', () => {
    const e = ledgerEntryOf(
      attempt(
        { inputPerMTok: 1, outputPerMTok: 2 },
        { usage, charge: { usd: 0.5, status: 'exact' }, ttftMs: 40, errorCategory: undefined },
      ),
      ctx,
      'default',
    );
    assert.deepEqual(
      [e?.inputTokens, e?.outputTokens, e?.cacheReadTokens, e?.cacheWriteTokens, e?.reasoningTokens],
      [1000, 200, 300, 40, 50],
    );
    assert.deepEqual([e?.costUsd, e?.costStatus], [0.5, 'exact']);
    assert.deepEqual(
      [e?.workspace, e?.conversation, e?.model, e?.provider, e?.endpoint, e?.client, e?.fallback, e?.ttftMs],
      ['default', 'conv', 'vendor/m', 'p', 'p:m', 'cli', true, 40],
    );
  });

  it('counts no cache savings when the cache read costs as much as input, or more', () => {
    assert.equal(
      ledgerEntryOf(attempt({ inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 3 }, { usage }), ctx, 'w')?.cacheSavedUsd,
      undefined,
    );
    assert.equal(
      ledgerEntryOf(attempt({ inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 4 }, { usage }), ctx, 'w')?.cacheSavedUsd,
      undefined,
    );
    assert.equal(
      ledgerEntryOf(attempt({ inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 1 }, { usage }), ctx, 'w')?.cacheSavedUsd,
      0.0006,
    );
    assert.equal(ledgerEntryOf(attempt(undefined, { usage }), ctx, 'w')?.cacheSavedUsd, undefined);
  });
});
