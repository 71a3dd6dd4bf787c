import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applyStatePatch,
  MessageEndpoint,
  toHostMessages,
  toWebviewMessages,
  type ChatTurn,
  type ChatViewState,
  type Conversation,
  type ToHostMessages,
  type ToWebviewMessages,
} from '../../../../src/shared/protocol';
import { MAX_REPLACED_TURNS, StatePoster } from '../../../../src/app/chat/state-poster';
import { viewStateOf } from './view-state';

type State = Omit<ChatViewState, 'rev'>;

/** A view behind a real pair of validated endpoints: what it was sent, and what it holds. */
function view() {
  const posts: { type: string; payload: any }[] = [];
  const logs: string[] = [];
  let refuse = false;
  const webview = new MessageEndpoint<ToWebviewMessages, ToHostMessages>({
    incoming: toWebviewMessages,
    outgoing: toHostMessages,
    send: () => {},
    log: (r) => logs.push(r),
  });
  webview.on('state', (payload) => void posts.push({ type: 'state', payload }));
  webview.on('statePatch', (payload) => void posts.push({ type: 'statePatch', payload }));
  const host = new MessageEndpoint<ToHostMessages, ToWebviewMessages>({
    incoming: toHostMessages,
    outgoing: toWebviewMessages,
    send: (m) => webview.receive(JSON.parse(JSON.stringify(m))),
    log: (r) => logs.push(r),
  });
  const surface = { post: ((type, payload) => !refuse && host.post(type, payload)) as typeof host.post };
  return {
    surface,
    posts,
    logs,
    refuseNext: (v: boolean) => (refuse = v),
    holds: () => viewStateOf(posts),
    last: () => posts.at(-1)!,
  };
}

/** The state as a view that was sent all of it would hold. */
function whole(state: State): unknown {
  return plain({ ...state, rev: undefined });
}

function plain(v: unknown): unknown {
  const { rev: _rev, ...rest } = JSON.parse(JSON.stringify(v)) as ChatViewState;
  return rest;
}

function turn(i: number, text = `answer ${i} `.repeat(50)): ChatTurn {
  return { id: `t${i}`, role: i % 2 ? 'assistant' : 'user', text, createdAt: i, model: i % 2 ? 'acme/model-1' : undefined };
}

function conversation(id: string, turns: number, text?: (i: number) => string): Conversation {
  const messages = Array.from({ length: turns }, (_, i) => turn(i, text?.(i)));
  return { id, title: `Conversation ${id}`, createdAt: 1, updatedAt: 1, messages };
}

function stateOf(c: Conversation, extra: Partial<State> = {}): State {
  return {
    conversations: [{ id: c.id, title: c.title, updatedAt: c.updatedAt, messageCount: c.messages.length }],
    conversation: c,
    model: 'acme/model-1',
    busy: false,
    ...extra,
  };
}

describe('StatePoster', () => {
  it('sends the whole state first, then only the turns a send appends', () => {
    const v = view();
    const poster = new StatePoster();
    const c = conversation('c1', 100);
    poster.post([v.surface], stateOf(c));
    assert.equal(v.last().type, 'state');
    const full = JSON.stringify(v.last().payload).length;
    c.messages.push(turn(100, 'One more question.'), { ...turn(101, ''), id: 'streaming' });
    c.updatedAt = 2;
    poster.post([v.surface], stateOf(c, { busy: true, streamingId: 'streaming' }));
    const patch = v.last();
    assert.equal(patch.type, 'statePatch');
    assert.deepEqual(
      patch.payload.turns.map((t: { at: number }) => t.at),
      [100, 101],
    );
    assert.ok(JSON.stringify(patch.payload).length < full / 50, 'a send in a long chat posts a small patch');
    assert.deepEqual(plain(v.holds()), whole(stateOf(c, { busy: true, streamingId: 'streaming' })));
  });

  it('sends one finished turn replaced in place, and the head and the list only when they changed', () => {
    const v = view();
    const poster = new StatePoster();
    const c = conversation('c1', 10);
    poster.post([v.surface], stateOf(c, { busy: true, streamingId: 't9' }));
    Object.assign(c.messages[9], { text: 'done', meta: { finishReason: 'stop' } });
    poster.post([v.surface], stateOf(c));
    const p = v.last().payload;
    assert.deepEqual(
      p.turns.map((t: { at: number }) => t.at),
      [9],
    );
    assert.equal(p.conversation, undefined);
    assert.equal(p.conversations, undefined);
    c.title = 'Renamed';
    poster.post([v.surface], stateOf(c));
    assert.equal(v.last().payload.conversation.title, 'Renamed');
    assert.deepEqual(v.last().payload.turns, []);
    assert.deepEqual(plain(v.holds()), whole(stateOf(c)));
  });

  it('sends the whole state on a switch of conversation, to a view that just loaded, and for a large change', () => {
    const v = view();
    const poster = new StatePoster();
    const c = conversation('c1', 20);
    poster.post([v.surface], stateOf(c));
    poster.post([v.surface], stateOf(conversation('c2', 3)));
    assert.equal(v.last().type, 'state');
    poster.post([v.surface], stateOf(conversation('c2', 3)), v.surface);
    assert.equal(v.last().type, 'state', 'a view that says ready has lost what it held');
    const d = conversation('c2', 3);
    poster.post([v.surface], stateOf(d));
    assert.equal(v.last().type, 'statePatch');
    for (let i = 0; i <= MAX_REPLACED_TURNS && i < 3; i++) d.messages[i].text = 'edited';
    d.messages.push(turn(3), turn(4), turn(5));
    for (let i = 3; i < 6; i++) d.messages[i].text = 'new';
    poster.post([v.surface], stateOf(d));
    assert.equal(v.last().type, 'statePatch', 'three replaced turns and three appended are a patch');
    for (const m of d.messages) m.text = 'all edited';
    poster.post([v.surface], stateOf(d));
    assert.equal(v.last().type, 'state', `more than ${MAX_REPLACED_TURNS} replaced turns send everything`);
  });

  it('keeps track of each view on its own, and sends everything after a post it refused', () => {
    const a = view();
    const b = view();
    const poster = new StatePoster();
    const c = conversation('c1', 4);
    poster.post([a.surface], stateOf(c));
    poster.post([a.surface, b.surface], stateOf(c));
    assert.equal(a.last().type, 'statePatch');
    assert.equal(b.last().type, 'state');
    a.refuseNext(true);
    c.messages.push(turn(4));
    poster.post([a.surface, b.surface], stateOf(c));
    a.refuseNext(false);
    c.messages.push(turn(5));
    poster.post([a.surface, b.surface], stateOf(c));
    assert.equal(a.last().type, 'state');
    assert.equal(b.last().type, 'statePatch');
    assert.deepEqual(plain(a.holds()), whole(stateOf(c)));
    assert.deepEqual(plain(b.holds()), whole(stateOf(c)));
  });

  it('a patch applies only to the revision and conversation it was made from', () => {
    const state = { ...stateOf(conversation('c1', 2)), rev: 3 };
    const patch = { conversationId: 'c1', base: 3, rev: 4, length: 3, turns: [{ at: 2, turn: turn(2) }], busy: false };
    assert.equal(applyStatePatch(state, patch)?.conversation.messages.length, 3);
    assert.equal(applyStatePatch({ ...state, rev: 2 }, patch), undefined);
    assert.equal(applyStatePatch(undefined, patch), undefined);
    assert.equal(applyStatePatch(state, { ...patch, conversationId: 'c2' }), undefined);
    assert.equal(applyStatePatch(state, { ...patch, length: 4 }), undefined, 'a missing turn');
    assert.equal(applyStatePatch(state, { ...patch, turns: [{ at: 3, turn: turn(3) }] }), undefined, 'a gap');
  });

  describe('any sequence of states, edited in place as the controller does', () => {
    type Op =
      | { kind: 'append'; n: number; text: string }
      | { kind: 'edit'; at: number; text: string }
      | { kind: 'finish'; at: number }
      | { kind: 'pop'; n: number }
      | { kind: 'title'; title: string }
      | { kind: 'busy'; busy: boolean }
      | { kind: 'switch'; turns: number }
      | { kind: 'reload' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('append' as const), n: fc.integer({ min: 1, max: 3 }), text: fc.string({ maxLength: 20 }) }),
      fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), text: fc.string({ maxLength: 20 }) }),
      fc.record({ kind: fc.constant('finish' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('pop' as const), n: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('title' as const), title: fc.string({ maxLength: 20 }) }),
      fc.record({ kind: fc.constant('busy' as const), busy: fc.boolean() }),
      fc.record({ kind: fc.constant('switch' as const), turns: fc.integer({ min: 0, max: 12 }) }),
      fc.constant({ kind: 'reload' as const }),
    );

    const short = (i: number) => `answer ${i}`;

    it('leaves every view holding exactly the state the host posted', () => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
          const a = view();
          const b = view();
          const poster = new StatePoster();
          let c = conversation('c0', 5, short);
          let busy = false;
          let next = 100;
          let switches = 0;
          const post = (fresh?: typeof a.surface) => {
            const s = stateOf(c, busy ? { busy, streamingId: c.messages.at(-1)?.id } : {});
            poster.post([a.surface, b.surface], s, fresh);
            assert.deepEqual(plain(a.holds()), whole(s));
            assert.deepEqual(plain(b.holds()), whole(s));
          };
          post();
          for (const o of ops) {
            const msgs = c.messages;
            if (o.kind === 'append') for (let i = 0; i < o.n; i++) msgs.push(turn(next++, o.text));
            else if (o.kind === 'edit' && msgs.length) msgs[o.at % msgs.length].text = o.text;
            else if (o.kind === 'finish' && msgs.length)
              Object.assign(msgs[o.at % msgs.length], { meta: { finishReason: 'stop' }, error: undefined });
            else if (o.kind === 'pop') msgs.splice(Math.max(0, msgs.length - o.n));
            else if (o.kind === 'title') c.title = o.title;
            else if (o.kind === 'busy') busy = o.busy;
            else if (o.kind === 'switch') c = conversation(`c${++switches}`, o.turns, short);
            post(o.kind === 'reload' ? a.surface : undefined);
          }
          assert.deepEqual(a.logs, []);
        }),
        { numRuns: 100 },
      );
    });
  });
});
