// The catalog's disk cache lets the editor start with the last good prices offline. A bad file must
// never stop the start (bundled data is used, and the user is told why), and a write is all or nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emptyCache, loadCache, saveCache, type CatalogCacheData } from '../../../src/core/catalog/disk-cache';

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sb-catalog-cache-'));

const DATA: CatalogCacheData = {
  version: 1,
  providerModels: {
    groq: { fetchedAt: 1_700_000_000_000, models: [{ id: 'llama-3.3-70b', displayName: 'Llama 3.3 70B', contextWindow: 131_072 }] },
  },
  upstream: {
    'meta-llama/llama-3.3-70b-instruct': {
      fetchedAt: 1_700_000_000_001,
      hosts: [{ hostName: 'Groq', tag: 'groq', price: { inputPerMTok: 0.59, outputPerMTok: 0.79 }, uptimeLast30m: 99 }],
    },
  },
};

describe('catalog disk cache', () => {
  it('starts empty, with no problem to report, when there is no cache yet', async () => {
    assert.deepEqual(await loadCache(path.join(tmpDir(), 'missing')), { data: emptyCache() });
    assert.deepEqual(emptyCache(), { version: 1, providerModels: {}, upstream: {} });
  });

  it('writes the data so the next start reads it back, creating the folder, and leaves no temp file', async () => {
    const dir = path.join(tmpDir(), 'nested', 'cache');
    await saveCache(dir, DATA);
    assert.deepEqual(await loadCache(dir), { data: DATA });
    assert.deepEqual(fs.readdirSync(dir), ['catalog.json']);
    await saveCache(dir, emptyCache());
    assert.deepEqual((await loadCache(dir)).data, emptyCache());
  });

  it('a corrupt or foreign file gives the bundled data and says which', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'catalog.json'), '{"version": 1, "providerModels": ');
    assert.deepEqual(await loadCache(dir), {
      data: emptyCache(),
      problem: 'The catalog cache is not valid JSON; starting from bundled data.',
    });
    fs.writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify({ ...DATA, version: 2 }));
    assert.deepEqual(await loadCache(dir), {
      data: emptyCache(),
      problem: 'The catalog cache did not validate; starting from bundled data.',
    });
  });

  it('a cache that cannot be read is reported with the reason', async () => {
    const dir = tmpDir();
    fs.mkdirSync(path.join(dir, 'catalog.json'));
    const r = await loadCache(dir);
    assert.deepEqual(r.data, emptyCache());
    assert.match(r.problem ?? '', /^Could not read the catalog cache: EISDIR/);
  });

  it('a failed write throws and leaves no temp file behind', async () => {
    // A folder where the temp file's rename must land: the rename fails after the temp was written.
    const blocked = path.join(tmpDir(), 'blocked');
    fs.mkdirSync(path.join(blocked, 'catalog.json', 'inside'), { recursive: true });
    await assert.rejects(saveCache(blocked, DATA));
    assert.deepEqual(fs.readdirSync(blocked), ['catalog.json']);
  });
});
