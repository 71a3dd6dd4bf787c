// A pinned id the index does not list is matched against the vendor's price table once, not on
// every request that names it; a new index (overrides, refreshed data) matches it again.
import * as assert from 'node:assert/strict';
import { ModelCatalog } from '../../../src/core/catalog/model-catalog';

const NOW = Date.UTC(2026, 10, 25, 20, 0, 0);

describe('ModelCatalog pinned ids the index does not list', () => {
  it('are made once per index, with the same price as a fresh catalog gives', async () => {
    const c = await ModelCatalog.create({ clock: { now: () => NOW } });
    const fresh = await ModelCatalog.create({ clock: { now: () => NOW } });
    for (const id of ['gpt-4o-2099-01-01', 'not-a-model']) {
      const first = c.pinned('openai', id);
      assert.equal(c.pinned('openai', id), first, `${id}: the same endpoint, not a new scan`);
      assert.deepEqual(first, fresh.pinned('openai', id));
    }
    assert.ok(c.pinned('openai', 'gpt-4o-2099-01-01').price, 'a snapshot id is priced from the table');
  });

  it('are made again once the index is rebuilt', async () => {
    const c = await ModelCatalog.create({ clock: { now: () => NOW } });
    const before = c.pinned('openai', 'not-a-model');
    c.setPriceOverrides([{ provider: 'openai', model: 'gpt-4o', inputPerMTok: 1, outputPerMTok: 2 }]);
    assert.notEqual(c.pinned('openai', 'not-a-model'), before);
  });
});
