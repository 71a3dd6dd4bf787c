import * as assert from 'node:assert/strict';
import { folderOf, summarize } from '../../../scripts/mutation/summarize';

type Status = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
const mutants = (...statuses: Status[]) => ({
  mutants: statuses.map((status) => ({ mutatorName: 'X', status, location: { start: { line: 1, column: 1 } } })),
});

describe('mutation summary', () => {
  it('groups files by their top-level folder of src/core, files directly in it as (root)', () => {
    assert.equal(folderOf('src/core/pricing/price-of.ts'), 'pricing');
    assert.equal(folderOf('src/core/providers/gemini/map-usage.ts'), 'providers');
    assert.equal(folderOf('src/core/errors.ts'), '(root)');
    assert.equal(folderOf('src/vscode/extension.ts'), undefined);
  });

  it('scores killed and timed-out over every mutant a test could catch, per folder and in total', () => {
    const s = summarize({
      files: {
        'src/core/pricing/a.ts': mutants('Killed', 'Killed', 'Timeout', 'Survived'),
        'src/core/pricing/b.ts': mutants('NoCoverage', 'Ignored', 'CompileError', 'RuntimeError', 'Pending'),
        'src/core/health/c.ts': mutants('Killed'),
        'src/core/catalog/d.ts': mutants('Ignored'),
      },
    });
    assert.deepEqual(s.folders.pricing, { killed: 2, timeout: 1, survived: 1, noCoverage: 1, score: 60 });
    assert.equal(s.folders.health.score, 100);
    assert.equal(s.folders.catalog.score, null);
    assert.deepEqual(Object.keys(s.folders), ['catalog', 'health', 'pricing']);
    assert.deepEqual(s.total, { killed: 3, timeout: 1, survived: 1, noCoverage: 1, score: 66.67 });
  });
});
