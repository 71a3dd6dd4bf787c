// Conversations in one file each plus an index, merged across windows, moved once from the
// legacy globalState key.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Conversation } from '../../../../src/shared/protocol';
import { directoryFiles } from '../../../../src/app/chat/conversation-files';
import { fileOf, INDEX_FILE } from '../../../../src/app/chat/conversation-index';
import { ConversationStore, LEGACY_CONVERSATIONS_KEY, STORE_LIMITS } from '../../../../src/app/chat/conversation-store';
import { FakeClock, MemoryFiles, MemoryKv } from './fakes';

const conv = (id: string, updatedAt: number, text = 'q'): Conversation => ({
  id,
  title: id,
  createdAt: 1,
  updatedAt,
  messages: [{ id: `${id}-u`, role: 'user', text, createdAt: 1 }],
});

function store(files = new MemoryFiles(), kv = new MemoryKv(), clock = new FakeClock()) {
  let n = 0;
  return { files, kv, clock, store: new ConversationStore(files, kv, clock, () => `n${++n}`) };
}

describe('ConversationStore files', () => {
  it('a save writes the changed conversation and the index, nothing else', async () => {
    const { files, store: s } = store();
    for (let i = 0; i < 5; i++) await s.save(conv(`c${i}`, i));
    files.writes.clear();
    const c = s.get('c2')!;
    c.title = 'changed';
    await s.save(c);
    assert.deepEqual([...files.writes.keys()].sort(), [INDEX_FILE, fileOf('c2')].sort());
    assert.equal(JSON.parse(files.read(fileOf('c2'))!).title, 'changed');
  });

  it('dropping the oldest beyond the limit removes their files', async () => {
    const { files, clock, store: s } = store();
    for (let i = 0; i <= STORE_LIMITS.conversations; i++) {
      clock.t += 1;
      await s.save(conv(`c${i}`, i));
    }
    assert.equal(files.read(fileOf('c0')), undefined);
    assert.equal(files.list().length, STORE_LIMITS.conversations + 1, 'the conversations plus the index');
  });

  it('an index entry lost to two windows writing at once is recovered from the files', async () => {
    const files = new MemoryFiles();
    const clock = new FakeClock();
    const a = store(files, new MemoryKv(), clock).store;
    await a.save(conv('one', 1));
    const staleIndex = files.read(INDEX_FILE)!;
    await a.save(conv('two', 2));
    files.write(INDEX_FILE, staleIndex); // another window wrote the index it had read before "two"
    const b = store(files, new MemoryKv(), clock).store;
    assert.deepEqual(
      b
        .list()
        .map((x) => x.id)
        .sort(),
      ['one', 'two'],
    );
  });

  it('an entry whose file another window deleted is gone, even from a stale index', async () => {
    const files = new MemoryFiles();
    const a = store(files).store;
    await a.save(conv('one', 1));
    await a.save(conv('two', 2));
    const staleIndex = files.read(INDEX_FILE)!;
    await a.delete('one');
    files.write(INDEX_FILE, staleIndex);
    assert.deepEqual(
      store(files)
        .store.list()
        .map((x) => x.id),
      ['two'],
    );
  });

  it('an unreadable index (a crash mid-write) is rebuilt from the files', async () => {
    const { files, store: s } = store();
    await s.save(conv('one', 1));
    await s.save(conv('two', 2));
    files.write(INDEX_FILE, '{"v":1,"conversations":[{"id":"one","ti');
    const again = store(files).store;
    assert.deepEqual(
      again
        .list()
        .map((x) => x.id)
        .sort(),
      ['one', 'two'],
    );
    assert.equal(JSON.parse(files.read(INDEX_FILE)!).conversations.length, 2, 'the index was rewritten');
  });

  it('a corrupt conversation file is skipped; the others stay', async () => {
    const { files, store: s } = store();
    await s.save(conv('good', 1));
    await s.save(conv('bad', 2));
    files.write(fileOf('bad'), '{"id": "bad", "mess');
    const again = store(files).store;
    assert.equal(again.get('good')?.id, 'good');
    assert.equal(again.get('bad'), undefined);
  });
});

describe('ConversationStore migration from globalState', () => {
  it('moves every conversation to files, durably, and clears the key after', async () => {
    const kv = new MemoryKv();
    await kv.update(LEGACY_CONVERSATIONS_KEY, [conv('a', 1), conv('b', 2)]);
    const files = new MemoryFiles();
    const order: string[] = [];
    const write = files.write.bind(files);
    files.write = (n, t, o) => (
      order.push(`write ${n === INDEX_FILE ? 'index' : 'conversation'}${o?.durable ? ' durable' : ''}`),
      write(n, t, o)
    );
    const update = kv.update.bind(kv);
    kv.update = (k, v) => (order.push(`clear ${k === LEGACY_CONVERSATIONS_KEY && v === undefined}`), update(k, v));
    const { store: s } = store(files, kv);
    await s.migrated;
    assert.deepEqual(order, ['write conversation durable', 'write conversation durable', 'write index durable', 'clear true']);
    assert.equal(kv.get(LEGACY_CONVERSATIONS_KEY), undefined);
    assert.deepEqual(
      s.list().map((x) => x.id),
      ['b', 'a'],
    );
    assert.equal(s.get('a')?.messages[0].text, 'q');
  });

  it('keeps the key when the files could not be written', async () => {
    const kv = new MemoryKv();
    await kv.update(LEGACY_CONVERSATIONS_KEY, [conv('a', 1)]);
    const files = new MemoryFiles();
    files.write = () => {
      throw new Error('ENOSPC');
    };
    const { store: s } = store(files, kv);
    await s.migrated;
    assert.equal((kv.get<unknown[]>(LEGACY_CONVERSATIONS_KEY) ?? []).length, 1);
  });

  it('never overwrites a newer file (another window migrated and went on)', async () => {
    const files = new MemoryFiles();
    const first = store(files).store;
    await first.save(conv('a', 50, 'newer'));
    const kv = new MemoryKv();
    await kv.update(LEGACY_CONVERSATIONS_KEY, [conv('a', 10, 'older'), conv('b', 5)]);
    const { store: s } = store(files, kv);
    await s.migrated;
    assert.equal(s.get('a')?.messages[0].text, 'newer');
    assert.equal(s.get('b')?.id, 'b');
  });
});

describe('directoryFiles', () => {
  it('writes whole files, lists them without temporaries, and removes them', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb-conv-')), 'conversations');
    const files = directoryFiles(dir);
    assert.deepEqual(files.list(), []);
    assert.equal(files.read('x.json'), undefined);
    files.write('x.json', 'one');
    files.write('x.json', 'two', { durable: true });
    fs.writeFileSync(path.join(dir, '.tmp-999-1-y.json'), 'half');
    assert.equal(files.read('x.json'), 'two');
    assert.deepEqual(files.list(), ['x.json']);
    files.overwrite('i.json', 'a longer first text');
    files.overwrite('i.json', 'short');
    assert.equal(files.read('i.json'), 'short');
    files.remove('x.json');
    files.remove('x.json');
    assert.deepEqual(files.list(), ['i.json']);
  });
});
