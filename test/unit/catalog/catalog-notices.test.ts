// The catalog's problem list is what the user sees of failing feeds: bounded, newest last, and logged.
import * as assert from 'node:assert/strict';
import { CatalogNotices } from '../../../src/core/catalog/catalog-notices';

function quietLog() {
  const warned: string[] = [];
  return { warned, info: () => undefined, warn: (m: string) => void warned.push(m), error: () => undefined };
}

describe('catalog notices', () => {
  it('keeps the 50 newest problems, each logged with the catalog prefix', () => {
    const log = quietLog();
    const n = new CatalogNotices({ now: () => 7 }, log);
    for (let i = 1; i <= 51; i++) n.report('openrouter', `problem ${i}`);
    const list = n.problems();
    assert.equal(list.length, 50);
    assert.deepEqual(list[0], { at: 7, source: 'openrouter', message: 'problem 2' });
    assert.equal(list.at(-1)!.message, 'problem 51');
    assert.equal(log.warned[0], 'catalog: problem 1');
  });

  it('keeps exactly 50 without dropping any', () => {
    const n = new CatalogNotices({ now: () => 0 }, quietLog());
    for (let i = 1; i <= 50; i++) n.report('cache', `p${i}`);
    assert.equal(n.problems()[0].message, 'p1');
  });

  it('a throwing listener is logged and the others still hear of the change', () => {
    const log = quietLog();
    const n = new CatalogNotices({ now: () => 0 }, log);
    let heard = 0;
    n.onDidChange(() => {
      throw new Error('boom');
    });
    n.onDidChange(() => void heard++);
    n.emitChange();
    assert.equal(heard, 1);
    assert.deepEqual(log.warned, ['catalog listener failed: Error: boom']);
  });
});
