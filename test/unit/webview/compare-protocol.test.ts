import * as assert from 'node:assert/strict';
import {
  MessageEndpoint,
  toHostMessages,
  toWebviewMessages,
  type ToHostMessages,
  type ToWebviewMessages,
} from '../../../src/shared/protocol';

/** The host side of the compare panel, fed raw payloads as a (possibly hostile) webview would send them. */
function host() {
  const logs: string[] = [];
  const endpoint = new MessageEndpoint<ToHostMessages, ToWebviewMessages>({
    incoming: toHostMessages,
    outgoing: toWebviewMessages,
    log: (r) => logs.push(r),
    send: () => {},
  });
  return { endpoint, logs };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('compare protocol', () => {
  it('delivers a click on an http(s) link in an answer to the host', async () => {
    const { endpoint } = host();
    const opened: string[] = [];
    endpoint.on('compare.openLink', ({ href }) => void opened.push(href));
    endpoint.receive({ type: 'compare.openLink', payload: { href: 'https://example.com/docs?q=1' } });
    endpoint.receive({ type: 'compare.openLink', payload: { href: 'http://localhost:8080/' } });
    await tick();
    assert.deepEqual(opened, ['https://example.com/docs?q=1', 'http://localhost:8080/']);
  });

  it('drops links with any other scheme before the host handler sees them', async () => {
    const { endpoint, logs } = host();
    let called = 0;
    endpoint.on('compare.openLink', () => void called++);
    for (const href of [
      'command:workbench.action.terminal.new',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'vscode://settings',
      'https://',
      '/relative',
      42,
    ]) {
      endpoint.receive({ type: 'compare.openLink', payload: { href } });
    }
    await tick();
    assert.equal(called, 0);
    assert.equal(logs.length, 7);
    assert.ok(
      logs.every((l) => /invalid "compare.openLink" message/.test(l)),
      logs.join('\n'),
    );
  });

  it('lets the host report a failure to start, so the view is not left blank', () => {
    const sent: unknown[] = [];
    const endpoint = new MessageEndpoint<ToHostMessages, ToWebviewMessages>({
      incoming: toHostMessages,
      outgoing: toWebviewMessages,
      log: () => {},
      send: (m) => void sent.push(m),
    });
    assert.equal(endpoint.post('compare.error', { message: 'Switchboard failed to load: boom' }), true);
    assert.equal(sent.length, 1);
  });
});
