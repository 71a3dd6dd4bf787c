// The catalog tells listeners when a refresh brought new data, so model offers can follow it.
import * as assert from 'node:assert/strict';
import { ModelCatalog } from '../../../src/core/catalog';

describe('ModelCatalog.onDidChange', () => {
  it('fires after a live model list arrives, not when a source fails, and stops after dispose', async () => {
    let fail = false;
    const catalog = await ModelCatalog.create({
      listModels: async () => {
        if (fail) throw new Error('down');
        return [{ id: 'm-1', displayName: 'M 1' }];
      },
      liveProviders: () => ['groq'],
      minRefreshIntervalMs: 0,
    });
    let fired = 0;
    const sub = catalog.onDidChange(() => fired++);
    await catalog.refresh({ force: true });
    assert.equal(fired, 1);
    fail = true;
    await catalog.refresh({ force: true });
    assert.equal(fired, 1);
    sub.dispose();
    fail = false;
    await catalog.refresh({ force: true });
    assert.equal(fired, 1);
  });

  it('a throwing listener does not fail the refresh', async () => {
    const catalog = await ModelCatalog.create({ listModels: async () => [], liveProviders: () => ['groq'] });
    catalog.onDidChange(() => {
      throw new Error('boom');
    });
    const reports = await catalog.refresh({ force: true });
    assert.equal(reports[0].status, 'updated');
  });
});
