import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { planFor, shardOf, shards } from '../../../scripts/mutation/shards';

describe('mutation shards', () => {
  let root: string;
  const touch = (path: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '');
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'shards-'));
    for (const f of ['src/core/errors.ts', 'src/core/types.ts', 'src/core/ledger/ledger.ts', 'src/core/settings/schema.ts']) touch(f);
    for (const f of ['src/core/providers/registry.ts', 'src/core/providers/gemini/map.ts', 'src/core/providers/openai/x.ts']) touch(f);
    for (const d of ['core', 'ledger', 'providers/gemini', 'providers']) mkdirSync(join(root, 'test/unit', d), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('makes one shard per folder and provider family, tested by the tests that mirror it', () => {
    const byName = new Map(shards(root).map((s) => [s.name, s]));
    assert.deepEqual([...byName.keys()], ['core-root', 'ledger', 'providers-gemini', 'providers-root']);
    assert.deepEqual(byName.get('providers-gemini')?.spec, ['test/unit/providers/gemini/**/*.test.ts']);
    assert.equal(byName.get('providers-gemini')?.mutate[0], 'src/core/providers/gemini/**/*.ts');
    // The loose files of providers are mutated without their families, tested without the families' tests.
    assert.deepEqual(byName.get('providers-root')?.mutate[0], 'src/core/providers/*.ts');
    assert.deepEqual(byName.get('providers-root')?.spec, ['test/unit/providers/*.test.ts']);
    assert.ok(byName.get('ledger')?.mutate.includes('!src/core/**/types.ts'));
  });

  it('places a file in its shard', () => {
    assert.equal(shardOf('src/core/errors.ts'), 'core-root');
    assert.equal(shardOf('src/core/providers/registry.ts'), 'providers-root');
    assert.equal(shardOf('src/core/providers/gemini/map.ts'), 'providers-gemini');
    assert.equal(shardOf('src/core/ledger/sub/x.ts'), 'ledger');
    assert.equal(shardOf('src/app/x.ts'), undefined);
  });

  it('plans a change: only files some tests mirror, against their own shards’ tests once each', () => {
    const plan = planFor(shards(root), [
      'src/core/ledger/a.ts',
      'src/core/ledger/b.ts',
      'src/core/settings/schema.ts',
      'src/core/providers/openai/x.ts',
    ]);
    assert.deepEqual(plan, { mutate: ['src/core/ledger/a.ts', 'src/core/ledger/b.ts'], spec: ['test/unit/ledger/**/*.test.ts'] });
  });
});
