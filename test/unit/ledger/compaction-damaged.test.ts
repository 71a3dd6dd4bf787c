// A damaged summary is the user's to restore: compaction must not fold it away.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpendLedger } from '../../../src/core/ledger';
import { compactLedger } from '../../../src/core/ledger/compaction';
import { silentLogger } from '../../../src/core/platform';
import { entry } from './fixtures/entry';

function appendAt(dir: string, at: number, ids: string[], usd: number): void {
  const l = new SpendLedger({ dir, writerId: `w-${ids[0]}`, clock: { now: () => at } });
  for (const id of ids) l.append(entry(id, { costUsd: usd }));
  l.close();
}

function monthSpend(dir: string, at: number): string {
  const l = new SpendLedger({ dir, writerId: 'check', logger: silentLogger });
  l.load();
  const t = l.spent('month', { at });
  l.close();
  return `${t.attempts}/${t.usd}`;
}

describe('Ledger compaction and a damaged summary', () => {
  it('leaves a month whose summary is damaged as it is, so a restored backup still counts with the late records', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-damaged-'));
    const now = Date.now();
    const d = new Date(now);
    const june = new Date(d.getFullYear(), d.getMonth() - 6, 10, 12).getTime();
    appendAt(dir, june, ['a', 'b', 'c'], 1);
    assert.deepEqual(compactLedger(dir, 3, now, silentLogger).monthsCompacted.length, 1);
    const [summary] = fs.readdirSync(dir).filter((n) => n.endsWith('.json') && n.includes('summary'));
    assert.ok(summary, `a summary was written: ${fs.readdirSync(dir).join(' ')}`);
    const backup = fs.readFileSync(path.join(dir, summary));
    fs.writeFileSync(path.join(dir, summary), '{"v":1,"month":');
    // A window whose clock was back in that month appends to it after the damage.
    appendAt(dir, june, ['late'], 2);
    compactLedger(dir, 3, now, silentLogger);
    assert.ok(fs.existsSync(path.join(dir, summary)), 'the damaged summary is kept for the user to restore');
    fs.writeFileSync(path.join(dir, summary), backup);
    assert.equal(monthSpend(dir, june), '4/5', 'the restored summary and the late record both count');
  });
});
