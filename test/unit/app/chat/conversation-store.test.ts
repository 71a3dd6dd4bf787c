import * as assert from 'node:assert/strict';
import { ConversationStore, STORE_LIMITS, titleFrom } from '../../../../src/app/chat/conversation-store';
import { composePrompt, splitComposedPrompt } from '../../../../src/shared/prompt-compose';
import { FakeClock, MemoryFiles, MemoryKv } from './fakes';

function make(kv = new MemoryKv(), clock = new FakeClock(), files = new MemoryFiles()) {
  let n = 0;
  return { kv, clock, files, store: new ConversationStore(files, kv, clock, () => `c${++n}`) };
}

describe('ConversationStore', () => {
  it('round-trips conversations through the key-value store', async () => {
    const { kv, clock, files, store } = make();
    const c = store.create('acme/m');
    c.messages.push({ id: 'u1', role: 'user', text: 'hello', createdAt: 1 });
    await store.save(c);
    const again = make(kv, clock, files).store;
    assert.deepEqual(again.get(c.id)?.messages, c.messages);
    assert.equal(again.get(c.id)?.model, 'acme/m');
  });

  it('drops a corrupt entry and keeps the valid ones', async () => {
    const kv = new MemoryKv();
    await kv.update('switchboard.chat.conversations.v1', [
      { id: 'ok', title: 't', createdAt: 1, updatedAt: 1, messages: [] },
      { id: 42, title: null },
      'junk',
    ]);
    const { store } = make(kv);
    assert.deepEqual(
      store.list().map((s) => s.id),
      ['ok'],
    );
  });

  it('lists most recently updated first and caps the number kept', async () => {
    const { clock, store } = make();
    for (let i = 0; i < STORE_LIMITS.conversations + 5; i++) {
      clock.t += 1000;
      await store.save(store.create(undefined));
    }
    const list = store.list();
    assert.equal(list.length, STORE_LIMITS.conversations);
    assert.ok(list[0].updatedAt > list[1].updatedAt);
    assert.equal(store.get('c1'), undefined);
  });

  it('remembers the active conversation', async () => {
    const { kv, clock, files, store } = make();
    const a = store.create(undefined);
    await store.save(a);
    clock.t += 10;
    await store.save(store.create(undefined));
    await store.setActive(a.id);
    assert.equal(make(kv, clock, files).store.active(undefined).id, a.id);
  });

  it('toggles favourites and keeps recents unique, newest first, capped', async () => {
    const { store } = make();
    assert.deepEqual(await store.toggleFavourite('m1'), ['m1']);
    assert.deepEqual(await store.toggleFavourite('m2'), ['m1', 'm2']);
    assert.deepEqual(await store.toggleFavourite('m1'), ['m2']);
    for (let i = 0; i < 12; i++) await store.pushRecent(`r${i}`);
    await store.pushRecent('r5');
    assert.equal(store.recent().length, STORE_LIMITS.recent);
    assert.equal(store.recent()[0], 'r5');
    assert.equal(new Set(store.recent()).size, store.recent().length);
  });

  it('renames, ignoring an empty title, and deletes', async () => {
    const { store } = make();
    const c = store.create(undefined);
    await store.save(c);
    await store.rename(c.id, '  My chat  ');
    assert.equal(store.get(c.id)?.title, 'My chat');
    await store.rename(c.id, '   ');
    assert.equal(store.get(c.id)?.title, 'My chat');
    assert.equal(await store.delete(c.id), true);
    assert.equal(await store.delete(c.id), false);
  });
});

describe('ConversationStore across windows', () => {
  it('keeps conversations every window created, and sees another window’s deletes and edits', async () => {
    const kv = new MemoryKv();
    const files = new MemoryFiles();
    const clock = new FakeClock();
    const a = new ConversationStore(files, kv, clock, () => `a${clock.now()}`);
    const b = new ConversationStore(files, kv, clock, () => `b${clock.now()}`);
    const inA = a.create('m');
    inA.messages.push({ id: 'u1', role: 'user', text: 'from A', createdAt: 1 });
    await a.save(inA);
    clock.t += 10;
    const inB = b.create('m');
    inB.messages.push({ id: 'u2', role: 'user', text: 'from B', createdAt: 2 });
    await b.save(inB);
    assert.deepEqual(
      new ConversationStore(files, kv, clock, () => 'x')
        .list()
        .map((c) => c.id)
        .sort(),
      [inA.id, inB.id],
      'B’s save kept A’s conversation',
    );
    assert.deepEqual(
      a
        .list()
        .map((c) => c.id)
        .sort(),
      [inA.id, inB.id],
      'A lists B’s conversation',
    );
    clock.t += 10;
    const shared = b.get(inA.id)!;
    shared.title = 'renamed in B';
    await b.save(shared);
    assert.equal(a.get(inA.id)?.title, 'renamed in B', 'a newer version from another window wins');
    await a.delete(inB.id);
    assert.equal(b.get(inB.id), undefined, 'a delete in one window reaches the other');
  });

  it('keeps this window’s live object while it is the newest', async () => {
    const { store, files } = make();
    const c = store.create('m');
    c.messages.push({ id: 'u1', role: 'user', text: 'q', createdAt: 1 });
    await store.save(c);
    files.write('unrelated.txt', '1');
    assert.equal(store.get(c.id), c, 'the chat keeps writing into the object the store holds');
  });
});

describe('titleFrom / composePrompt', () => {
  it('makes a one-line title of at most 60 characters', () => {
    assert.equal(titleFrom('  Hello\n  world '), 'Hello world');
    assert.equal(titleFrom('x'.repeat(100)).length, 58);
    assert.equal(titleFrom('   '), 'New conversation');
  });

  it('splits a composed message back into the typed prompt and the code part', () => {
    const ctx = { path: 'src/a.ts', language: 'typescript', range: { startLine: 1, endLine: 3 }, code: 'const a = 1;\n' };
    const typed = 'Why is this\n\nFrom `src/a.ts` (odd)?';
    const split = splitComposedPrompt(composePrompt(typed, ctx), ctx.path);
    assert.equal(split?.prompt, typed, 'a prompt that itself mentions the file is kept whole');
    assert.equal(split?.code, 'From `src/a.ts` (lines 1-3, typescript):\n\n```typescript\nconst a = 1;\n```');
    assert.equal(splitComposedPrompt('just a question', 'src/a.ts'), undefined);
  });

  it('fences code with a longer fence than any inside it', () => {
    const out = composePrompt('Explain', {
      path: 'README.md',
      language: 'markdown',
      range: { startLine: 7, endLine: 7 },
      code: 'a\n```js\nx\n```\n',
    });
    assert.match(out, /\(line 7, markdown\)/);
    assert.match(out, /\n````markdown\na\n```js\nx\n```\n````$/);
  });
});

describe('ConversationStore salvage', () => {
  const stored = (over: Record<string, unknown>, turns: unknown[]) => ({
    id: 'keep',
    title: 'Kept',
    createdAt: 1,
    updatedAt: 2,
    model: 'acme/m',
    messages: turns,
    ...over,
  });
  const user = { id: 'u1', role: 'user', text: 'q', createdAt: 1 };
  const answer = (meta: Record<string, unknown>) => ({ id: 'a1', role: 'assistant', text: 'answer', createdAt: 2, meta });

  it('keeps a conversation whose answer has a negative duration (a clock step), and the next save keeps it', async () => {
    const kv = new MemoryKv();
    await kv.update('switchboard.chat.conversations.v1', [
      stored({}, [user, answer({ provider: 'openai', durationMs: -2990, ttftMs: 5 })]),
    ]);
    const { store, clock, files } = make(kv);
    assert.deepEqual(
      store.list().map((s) => s.id),
      ['keep'],
    );
    assert.equal(store.get('keep')?.messages[1].meta?.durationMs, undefined);
    assert.equal(store.get('keep')?.messages[1].meta?.ttftMs, 5);
    clock.t += 10;
    await store.save(store.create(undefined));
    assert.deepEqual(
      make(kv, clock, files)
        .store.list()
        .map((s) => s.id)
        .sort(),
      ['c1', 'keep'],
    );
  });

  it('drops only the bad field or the bad turn, never the conversation', () => {
    const kv = new MemoryKv();
    const badMeta = answer({ provider: 42, fallbacks: 'x' });
    const notATurn = { id: 'z', role: 'robot', text: 1 };
    const withError = { ...answer({}), id: 'a2', error: { category: 'x' } };
    void kv.update('switchboard.chat.conversations.v1', [
      stored({ title: null, model: '', preferences: { sort: 'fastest' } }, [user, badMeta, notATurn, withError]),
    ]);
    const c = make(kv).store.get('keep');
    assert.ok(c, 'the conversation is kept');
    assert.equal(c.title, 'Untitled conversation');
    assert.equal(c.model, undefined);
    assert.equal(c.preferences, undefined);
    assert.deepEqual(
      c.messages.map((m) => m.id),
      ['u1', 'a1', 'a2'],
    );
    assert.equal(c.messages[1].meta, undefined);
    assert.equal(c.messages[1].text, 'answer');
    assert.equal(c.messages[2].error, undefined);
  });

  it('still drops what has no id to keep it under', () => {
    const kv = new MemoryKv();
    void kv.update('switchboard.chat.conversations.v1', [stored({ id: 7 }, [])]);
    assert.deepEqual(make(kv).store.list(), []);
  });
});
