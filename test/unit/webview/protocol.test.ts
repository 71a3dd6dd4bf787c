import * as assert from 'node:assert/strict';
import * as z from 'zod/mini';
import {
  defineMessages,
  MessageEndpoint,
  mergeMessageMaps,
  parseMessage,
  toHostMessages,
  toWebviewMessages,
  type ToHostMessages,
  type ToWebviewMessages,
} from '../../../src/shared/protocol';
import { assertNoKeyFragment } from '../core/key-fragment';

/** A host and a webview endpoint wired to each other through a JSON round trip, like postMessage. */
function pair(redact?: (text: string) => string) {
  const logs: { host: string[]; webview: string[] } = { host: [], webview: [] };
  const wire: { toHost: unknown[]; toWebview: unknown[] } = { toHost: [], toWebview: [] };
  let host!: MessageEndpoint<ToHostMessages, ToWebviewMessages>;
  let webview!: MessageEndpoint<ToWebviewMessages, ToHostMessages>;
  host = new MessageEndpoint({
    incoming: toHostMessages,
    outgoing: toWebviewMessages,
    log: (r) => logs.host.push(r),
    send: (m) => (wire.toWebview.push(m), queueMicrotask(() => webview.receive(JSON.parse(JSON.stringify(m))))),
    redact,
  });
  webview = new MessageEndpoint({
    incoming: toWebviewMessages,
    outgoing: toHostMessages,
    log: (r) => logs.webview.push(r),
    send: (m) => (wire.toHost.push(m), queueMicrotask(() => host.receive(JSON.parse(JSON.stringify(m))))),
    requestTimeoutMs: 1000,
  });
  return { host, webview, logs, wire };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('protocol', () => {
  it('delivers a valid message to its handler on the other side', async () => {
    const { host, webview } = pair();
    const got: string[] = [];
    host.on('send', ({ text }) => void got.push(text));
    assert.equal(webview.post('send', { text: 'hello' }), true);
    await tick();
    assert.deepEqual(got, ['hello']);
  });

  it('answers a request with a validated response', async () => {
    const { host, webview } = pair();
    host.on('toggleFavourite', ({ model }) => ({ favourites: [model] }));
    assert.deepEqual(await webview.request('toggleFavourite', { model: 'acme/m' }), { favourites: ['acme/m'] });
  });

  it('rejects a request whose handler answers with an invalid response', async () => {
    const { host, webview, logs } = pair();
    host.on('toggleFavourite', () => ({ favourites: 'nope' }) as never);
    await assert.rejects(webview.request('toggleFavourite', { model: 'm' }));
    assert.ok(logs.host.some((l) => l.includes('"toggleFavourite"')));
  });

  it('drops a malformed incoming message and logs a reason naming its type (host side)', async () => {
    const { host, logs } = pair();
    let called = false;
    host.on('openLink', () => void (called = true));
    host.receive({ type: 'openLink', payload: { href: 42 } });
    host.receive({ type: 'send', payload: { text: '' } });
    host.receive({ type: 'runCommand', payload: { command: 'workbench.action.terminal.new' } });
    host.receive('not an envelope');
    await tick();
    assert.equal(called, false);
    assert.match(logs.host[0], /invalid "openLink" message: href/);
    assert.match(logs.host[1], /invalid "send" message/);
    assert.match(logs.host[2], /unknown message type "runCommand"/);
    assert.match(logs.host[3], /without a valid envelope/);
  });

  it('drops a malformed incoming message on the webview side too', async () => {
    const { webview, logs } = pair();
    let called = false;
    webview.on('streamDelta', () => void (called = true));
    webview.receive({ type: 'streamDelta', payload: { messageId: 7 } });
    webview.receive({ type: 'state', payload: { busy: 'yes' } });
    await tick();
    assert.equal(called, false);
    assert.match(logs.webview[0], /"streamDelta"/);
    assert.match(logs.webview[1], /"state"/);
  });

  it('drops a malformed response and leaves its request pending until it times out', async () => {
    const { webview, logs } = pair();
    const pending = webview.request('toggleFavourite', { model: 'm' });
    webview.receive({ type: '$response', id: 1, ok: 'yes', payload: { favourites: ['x'] } });
    await tick();
    assert.match(logs.webview[0], /malformed response/);
    await assert.rejects(pending, /timed out/);
  });

  it("redacts a failing handler's error in the reply and in the log, before cutting it", async () => {
    const KEY = 'plainSENTINELkey0123456789abcdefghijKLMNOP';
    const { host, webview, logs, wire } = pair((t) => t.split(KEY).join('[redacted]'));
    host.on('toggleFavourite', async () => {
      // The key straddles the 2000-character cut of the reply.
      throw new Error(`upstream said ${'x'.repeat(1975)}${KEY}`);
    });
    host.on('getPickerData', () => {
      throw new Error(`sync failure ${KEY}`);
    });
    await assert.rejects(
      webview.request('toggleFavourite', { model: 'm' }),
      (e: Error) => (assertNoKeyFragment(e.message, KEY), e.message.startsWith('upstream said')),
    );
    await assert.rejects(webview.request('getPickerData', {}), (e: Error) => e.message === 'sync failure [redacted]');
    assertNoKeyFragment(JSON.stringify(wire.toWebview), KEY);
    assertNoKeyFragment(logs.host.join('\n'), KEY);
    assert.ok(logs.host.some((l) => l.includes('"getPickerData" handler failed: sync failure [redacted]')));
  });

  it('refuses to send an invalid outgoing message', () => {
    const { host, wire, logs } = pair();
    assert.equal(host.post('streamDelta', { messageId: 5 as never }), false);
    assert.equal(wire.toWebview.length, 0);
    assert.match(logs.host[0], /refused to send invalid "streamDelta"/);
  });

  it('does not let a message name reach Object.prototype', () => {
    const r = parseMessage(toHostMessages, { type: 'constructor', payload: {} });
    assert.equal(r.ok, false);
  });

  it('merging maps with a duplicate name throws', () => {
    const a = defineMessages({ ping: { request: z.object({}) } });
    assert.throws(() => mergeMessageMaps(a, a), /declared twice/);
  });

  it('every host→webview and webview→host message name is unique across views', () => {
    const host = Object.keys(toHostMessages);
    const web = Object.keys(toWebviewMessages);
    assert.equal(new Set(host).size, host.length);
    assert.ok(host.includes('openLink') && web.includes('state'));
  });
});
