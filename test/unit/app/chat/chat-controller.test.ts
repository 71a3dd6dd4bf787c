import * as assert from 'node:assert/strict';
import { parseMessage, toWebviewMessages } from '../../../../src/shared/protocol';
import { ChatController, type ChatSurface } from '../../../../src/app/chat/chat-controller';
import { toChatMessages } from '../../../../src/app/chat/chat-messages';
import { ConversationStore } from '../../../../src/app/chat/conversation-store';
import { viewStateOf } from './view-state';
import { endpoint, errorScript, FakeClock, FakePort, MemoryFiles, MemoryKv, okScript, RecordingEditor, usage } from './fakes';

/** A surface that checks every host→webview message against the protocol, as the webview would. */
class CheckedSurface {
  readonly posts: { type: string; payload: any }[] = [];
  post: ChatSurface['post'] = (type, payload) => {
    const parsed = parseMessage(toWebviewMessages, { type, payload });
    assert.ok(parsed.ok, `host sent an invalid message: ${!parsed.ok && parsed.reason}`);
    this.posts.push({ type, payload });
    return true;
  };
  of(type: string) {
    return this.posts.filter((p) => p.type === type).map((p) => p.payload);
  }
  /** The state the view holds after every whole state and patch so far. */
  view() {
    return viewStateOf(this.posts)!;
  }
}

function setup() {
  const clock = new FakeClock();
  const port = new FakePort(clock);
  const kv = new MemoryKv();
  let n = 0;
  const newId = () => `id-${++n}`;
  const store = new ConversationStore(new MemoryFiles(), kv, clock, newId);
  const editor = new RecordingEditor();
  const controller = new ChatController(port, store, editor, clock, newId);
  const surface = new CheckedSurface();
  controller.attach(surface);
  return { clock, port, kv, store, editor, controller, surface };
}

describe('ChatController', () => {
  it('reads no setting and no stored conversation when built, as activation builds it', () => {
    const clock = new FakeClock();
    const port = new FakePort(clock);
    let settingsRead = 0;
    port.defaultModel = () => (settingsRead++, 'acme/model-1');
    const files = new MemoryFiles();
    let fileReads = 0;
    const read = files.read.bind(files);
    files.read = (name) => (fileReads++, read(name));
    const store = new ConversationStore(files, new MemoryKv(), clock, () => 'id-1');
    const controller = new ChatController(port, store, new RecordingEditor(), clock, () => 'id-2');
    assert.equal(settingsRead, 0);
    assert.equal(fileReads, 0);
    assert.equal(controller.snapshot().model, 'acme/model-1');
    assert.ok(fileReads > 0);
  });

  it('streams deltas, then a finished turn with the footer figures from the route report', async () => {
    const { port, controller, surface } = setup();
    port.scripts.push(okScript('alpha', ['Hel', 'lo']));
    await controller.answers.send('hi');
    assert.deepEqual(
      surface.of('streamDelta').map((d) => d.text),
      ['Hel', 'lo'],
    );
    const done = surface.of('turnDone')[0].turn;
    assert.equal(done.text, 'Hello');
    assert.equal(done.model, 'acme/model-1');
    assert.equal(done.meta.provider, 'alpha');
    assert.equal(done.meta.providerName, 'Alpha');
    assert.deepEqual(done.meta.charge, { usd: 0.0005, status: 'exact' });
    assert.equal(done.meta.ttftMs, 250);
    assert.equal(done.meta.usage.outputTokens, 20);
    assert.equal(done.meta.tokensPerSecond, (20 * 1000) / (600 - 250)); // 20 tokens over the attempt's time after its first token
    assert.equal(port.requests[0].conversationId, controller.snapshot().conversationId);
    assert.equal(controller.answers.busy, false);
    assert.equal(surface.view().busy, false);
  });

  it('gathers a fast stream into few messages, never holding back the first token or reordering a status', async () => {
    const { port, store, editor, clock, surface } = setup();
    let fire: (() => void) | undefined;
    const timers = { set: (cb: () => void) => (fire = cb), clear: () => (fire = undefined) };
    let n = 0;
    const controller = new ChatController(port, store, editor, clock, () => `b-${++n}`, timers);
    controller.attach(surface);
    const pieces = Array.from({ length: 200 }, (_, i) => `t${i} `);
    port.scripts.push([
      { type: 'response-metadata', provider: 'alpha', modelId: 'model-1' },
      ...pieces.slice(0, 100).map((text) => ({ type: 'text-delta' as const, text })),
      {
        type: 'attempt',
        attempt: {
          endpoint: endpoint('alpha', 'model-1'),
          outcome: 'failed',
          reason: 'HTTP 500',
          retry: 0,
          fallback: false,
          startedAt: 0,
          durationMs: 5,
        },
      } as never,
      ...pieces.slice(100).map((text) => ({ type: 'text-delta' as const, text })),
      { type: 'finish', reason: 'stop' },
    ]);
    await controller.answers.send('go');
    const deltas = surface.posts.filter((p) => p.type === 'streamDelta' || p.type === 'streamStatus');
    assert.equal(deltas[0].payload.text, 't0 ', 'the first token goes alone, at once');
    const statusAt = deltas.findIndex((p) => p.type === 'streamStatus');
    assert.match(deltas[statusAt].payload.status, /HTTP 500/);
    assert.equal(
      deltas
        .slice(0, statusAt)
        .map((p) => p.payload.text)
        .join(''),
      pieces.slice(0, 100).join(''),
      'every delta before the status is sent before it',
    );
    assert.ok(surface.of('streamDelta').length <= 4, `${surface.of('streamDelta').length} messages for 200 deltas`);
    assert.equal(
      surface
        .of('streamDelta')
        .map((d) => d.text)
        .join(''),
      pieces.join(''),
    );
    assert.equal(surface.of('turnDone')[0].turn.text, pieces.join(''));
    assert.equal(fire, undefined, 'no window is left open after the answer');
  });

  it('stop aborts the request and keeps the partial answer with an estimated cost', async () => {
    const { port, controller, surface } = setup();
    port.scripts.push([
      { type: 'response-metadata', provider: 'alpha', modelId: 'model-1' },
      { type: 'text-delta', text: 'partial answer' },
      { waitForAbort: true },
    ]);
    const sending = controller.answers.send('long question');
    while (!surface.of('streamDelta').length) await new Promise((r) => setImmediate(r));
    assert.equal(controller.answers.busy, true);
    controller.answers.stop();
    await sending;
    assert.equal(port.requests[0].signal?.aborted, true);
    const turn = surface.of('turnDone')[0].turn;
    assert.equal(turn.text, 'partial answer');
    assert.equal(turn.meta.finishReason, 'cancelled');
    assert.equal(turn.meta.charge.status, 'estimated');
    assert.equal(turn.meta.usageEstimated, true);
    assert.equal(turn.error, undefined);
    assert.equal(port.estimates, 1);
  });

  it('an auth error offers "Set key" for the provider, and the key never reaches the view', async () => {
    const { port, controller, surface, editor } = setup();
    port.scripts.push(errorScript('alpha', 'auth'));
    await controller.answers.send('hi');
    const turn = surface.of('turnDone')[0].turn;
    assert.deepEqual(turn.error.actions, ['setKey', 'retryOther']);
    assert.doesNotMatch(JSON.stringify(surface.posts), /SENTINEL/);
    await controller.answers.errorAction(turn.id, 'setKey');
    assert.deepEqual(editor.calls.at(-1), ['setApiKey', 'alpha']);
  });

  it('"Set key" on a no-route error (no key for any host) lets the user pick the provider', async () => {
    const { port, controller, surface, editor } = setup();
    port.scripts.push(errorScript('switchboard', 'auth'));
    await controller.answers.send('hi');
    await controller.answers.errorAction(surface.of('turnDone')[0].turn.id, 'setKey');
    assert.deepEqual(editor.calls.at(-1), ['setApiKey', undefined]);
  });

  it('"Retry on another provider" regenerates with the failed provider ignored', async () => {
    const { port, controller, surface } = setup();
    port.scripts.push(errorScript('alpha', 'overloaded'), okScript('beta', ['ok']));
    await controller.answers.send('hi');
    const failed = surface.of('turnDone')[0].turn;
    assert.deepEqual(failed.error.actions, ['retry', 'retryOther']);
    await controller.answers.errorAction(failed.id, 'retryOther');
    assert.deepEqual(port.requests[1].preferences?.ignore, ['alpha']);
    const snap = controller.snapshot();
    assert.deepEqual(
      snap.messages.map((m) => m.role),
      ['user', 'assistant'],
    );
    assert.equal(snap.messages[1].provider, 'beta');
  });

  it('a model with one host is not offered "Retry on another provider", and its routing is left alone', async () => {
    const { port, controller, surface } = setup();
    port.hosts = ['alpha'];
    port.scripts.push(errorScript('alpha', 'overloaded'), errorScript('alpha', 'auth'), okScript('alpha', ['ok']));
    await controller.answers.send('hi');
    assert.deepEqual(surface.of('turnDone')[0].turn.error.actions, ['retry']);
    await controller.answers.regenerate();
    assert.deepEqual(surface.of('turnDone')[1].turn.error.actions, ['setKey'], 'no other provider to retry on');
    // A stale button (an answer from before a host went away) retries on the same host instead of failing.
    await controller.answers.errorAction(surface.of('turnDone')[1].turn.id, 'retryOther');
    assert.equal(port.requests[2].preferences?.ignore, undefined);
    assert.equal(controller.snapshot().messages[1].provider, 'alpha');
  });

  it('"Continue elsewhere" hands the engine the partial answer and the failed host, and appends the rest to it', async () => {
    const { port, controller, surface } = setup();
    port.scripts.push(errorScript('alpha', 'server', [{ type: 'text-delta', text: 'first half' }]), okScript('beta', [' second half']));
    await controller.answers.send('write');
    const partial = surface.of('turnDone')[0].turn;
    assert.equal(partial.meta.partial, true);
    assert.deepEqual(partial.error.actions, ['continueElsewhere', 'retry']);
    await controller.answers.errorAction(partial.id, 'continueElsewhere');
    assert.deepEqual(port.continued, [{ text: 'first half', failed: [{ provider: 'alpha' }] }]);
    const req = port.requests[1];
    assert.deepEqual(req.messages, [{ role: 'user', content: 'write' }], "the partial answer and the instruction are the engine's to add");
    assert.equal(req.preferences?.ignore, undefined, "which hosts to skip is the engine's decision");
    assert.deepEqual(
      controller.snapshot().messages.map((m) => m.text),
      ['write', 'first half', ' second half'],
    );
    assert.deepEqual(surface.of('turnDone')[1].turn.text, ' second half');
    assert.deepEqual(controller.conversations.historyMessages().at(-1), { role: 'assistant', content: 'first half second half' });
    assert.ok(!controller.conversations.current.messages[1].error?.actions.includes('continueElsewhere'), 'the button goes once used');
  });

  it('"Continue elsewhere" on a model with one host continues on that host', async () => {
    const { port, controller, surface } = setup();
    port.hosts = ['alpha'];
    port.scripts.push(errorScript('alpha', 'server', [{ type: 'text-delta', text: 'first half' }]), okScript('alpha', [' second half']));
    await controller.answers.send('write');
    await controller.answers.errorAction(surface.of('turnDone')[0].turn.id, 'continueElsewhere');
    assert.equal(port.requests[1].preferences?.ignore, undefined, 'not sent away from its only host');
    assert.deepEqual(port.continued[0].failed, [{ provider: 'alpha' }], 'the engine, which knows the hosts, decides to use it anyway');
    assert.deepEqual(
      controller.snapshot().messages.map((m) => m.text),
      ['write', 'first half', ' second half'],
    );
  });

  it('"Continue elsewhere" names the endpoint that broke and the hosts that failed before it, from the stored turn', async () => {
    const { port, controller, surface } = setup();
    const a = endpoint('alpha', 'model-1');
    const b = endpoint('beta', 'model-1');
    const failedA = { endpoint: a, outcome: 'failed' as const, reason: '503', retry: 0, fallback: false, startedAt: 0, durationMs: 5 };
    const partialB = { endpoint: b, outcome: 'partial' as const, retry: 0, fallback: true, startedAt: 0, durationMs: 5 };
    port.scripts.push(
      errorScript('beta', 'network', [
        { type: 'text-delta', text: 'first half' },
        { type: 'route-report', report: { servedBy: b, partial: true, strategy: 'balanced', attempts: [failedA, partialB] } },
      ]),
      okScript('gamma', [' second half']),
    );
    await controller.answers.send('write');
    await controller.answers.errorAction(surface.of('turnDone')[0].turn.id, 'continueElsewhere');
    assert.deepEqual(port.continued[0].failed, [
      { provider: 'beta', modelId: 'model-1' },
      { provider: 'alpha', modelId: 'model-1' },
    ]);
  });

  it('"Continue elsewhere" continues the last answer only, never one a later question followed', async () => {
    const { port, controller, surface } = setup();
    port.scripts.push(errorScript('alpha', 'server', [{ type: 'text-delta', text: 'first half' }]), okScript('beta', ['next']));
    await controller.answers.send('write');
    await controller.answers.send('something else');
    await controller.answers.errorAction(surface.of('turnDone')[0].turn.id, 'continueElsewhere');
    assert.equal(port.continued.length, 0);
    assert.equal(port.requests.length, 2);
  });

  it("switching models mid-conversation keeps the history and records each answer's model", async () => {
    const { port, controller } = setup();
    port.scripts.push(okScript('alpha', ['one']), okScript('beta', ['two']));
    await controller.answers.send('q1');
    await controller.conversations.setModel('other/model-2');
    await controller.answers.send('q2');
    assert.deepEqual(port.requests[1].models, ['other/model-2']);
    assert.deepEqual(
      port.requests[1].messages.map((m) => m.content),
      ['q1', 'one', 'q2'],
    );
    assert.deepEqual(
      controller
        .snapshot()
        .messages.filter((m) => m.role === 'assistant')
        .map((m) => m.model),
      ['acme/model-1', 'other/model-2'],
    );
  });

  it('regenerate replaces the last answer; edit-and-resend replaces the last question', async () => {
    const { port, controller, store } = setup();
    port.scripts.push(okScript('alpha', ['a1']), okScript('alpha', ['a2']), okScript('alpha', ['a3']));
    await controller.answers.send('q');
    await controller.answers.regenerate();
    assert.deepEqual(
      controller.snapshot().messages.map((m) => m.text),
      ['q', 'a2'],
    );
    await controller.answers.editLast('q edited');
    assert.deepEqual(
      controller.snapshot().messages.map((m) => m.text),
      ['q edited', 'a3'],
    );
    assert.deepEqual(
      port.requests[2].messages.map((m) => m.content),
      ['q edited'],
    );
    assert.equal(store.get(controller.snapshot().conversationId)?.title, 'q edited', 'the title made from the question follows the edit');
  });

  it('an edit keeps a title the user chose, and the file label while the code is still there', async () => {
    const { port, controller, store } = setup();
    port.scripts.push(okScript('alpha', ['a1']), okScript('alpha', ['a2']), okScript('alpha', ['a3']));
    await controller.answers.sendPrompt({
      text: 'Explain',
      context: { path: 'src/a.ts', language: 'typescript', range: { startLine: 3, endLine: 5 }, code: 'const a = 1;' },
    });
    const id = controller.snapshot().conversationId;
    await controller.conversations.rename(id, 'My title');
    const composed = controller.snapshot().messages[0].text;
    await controller.answers.editLast(composed.replace('Explain', 'Explain briefly'));
    const first = () => store.get(id)!.messages[0];
    assert.equal(store.get(id)?.title, 'My title');
    assert.equal(first().context?.path, 'src/a.ts');
    assert.match(first().text, /^Explain briefly\n\nFrom `src\/a\.ts`/);
    await controller.answers.editLast('forget the code');
    assert.equal(first().context, undefined);
  });

  it('sendPrompt puts the code with its path, language and lines into the message', async () => {
    const { port, controller } = setup();
    port.scripts.push(okScript('alpha', ['ok']));
    await controller.answers.sendPrompt({
      text: 'Explain',
      context: { path: 'src/a.ts', language: 'typescript', range: { startLine: 3, endLine: 5 }, code: 'const a = 1;' },
    });
    const sent = String(port.requests[0].messages[0].content);
    assert.match(sent, /^Explain\n\nFrom `src\/a.ts` \(lines 3-5, typescript\):\n\n```typescript\nconst a = 1;\n```$/);
  });

  it('opens only http(s) links', async () => {
    const { controller, editor } = setup();
    for (const bad of [
      'javascript:alert(1)',
      'command:workbench.action.terminal.new',
      'file:///etc/passwd',
      'vscode://x',
      'data:text/html,x',
    ])
      await controller.openLink(bad);
    assert.deepEqual(editor.calls, []);
    await controller.openLink('https://example.com/x');
    assert.deepEqual(editor.calls, [['openExternal', 'https://example.com/x']]);
  });

  it('persists conversations; new, rename and delete work through the store', async () => {
    const { port, controller, store, editor } = setup();
    port.scripts.push(okScript('alpha', ['a']));
    await controller.answers.send('first question here');
    const id = controller.snapshot().conversationId;
    assert.equal(store.get(id)?.title, 'first question here');
    await controller.conversations.rename(id);
    assert.equal(store.get(id)?.title, 'Renamed');
    await controller.conversations.newConversation();
    assert.notEqual(controller.snapshot().conversationId, id);
    await controller.conversations.select(id);
    assert.equal(controller.snapshot().conversationId, id);
    await controller.conversations.delete(id);
    assert.ok(editor.calls.some((c) => c[0] === 'confirmDelete'));
    assert.equal(store.get(id), undefined);
  });

  it('imports a compare answer as a new, active conversation the user can continue', async () => {
    const { port, controller, store, surface } = setup();
    port.scripts.push(okScript('alpha', ['a']));
    await controller.answers.send('an older question');
    const older = controller.snapshot().conversationId;
    const meta = { provider: 'alpha', charge: { usd: 0.0002, status: 'exact' as const }, finishReason: 'stop' as const };
    await controller.conversations.importExchange('Compare these sorts', 'Quicksort is faster on average.', 'alpha:model-1', meta);
    const id = controller.snapshot().conversationId;
    assert.notEqual(id, older);
    const c = store.get(id)!;
    assert.equal(c.title, 'Compare these sorts');
    assert.equal(c.model, 'alpha:model-1');
    assert.deepEqual(
      c.messages.map((m) => [m.role, m.text]),
      [
        ['user', 'Compare these sorts'],
        ['assistant', 'Quicksort is faster on average.'],
      ],
    );
    assert.deepEqual(c.messages[1].meta, { ...meta, providerName: 'Alpha' }, 'the footer names the provider as the chat does');
    assert.equal(surface.view().conversation.id, id);
    // The next message continues from the imported exchange.
    port.scripts.push(okScript('beta', ['b']));
    await controller.answers.send('and merge sort?');
    assert.deepEqual(
      port.requests.at(-1)!.messages.map((m) => m.role),
      ['user', 'assistant', 'user'],
    );
  });

  it('uses the route report for fallbacks taken', async () => {
    const { port, controller, surface } = setup();
    const a = endpoint('alpha', 'model-1');
    const b = endpoint('beta', 'model-1');
    const u = usage(10, 5);
    port.scripts.push([
      {
        type: 'attempt',
        attempt: {
          endpoint: a,
          outcome: 'failed',
          reason: '503 overloaded',
          errorCategory: 'overloaded',
          retry: 0,
          fallback: false,
          startedAt: 0,
          durationMs: 5,
        },
      },
      { type: 'text-delta', text: 'x' },
      {
        type: 'route-report',
        report: {
          servedBy: b,
          strategy: 'balanced',
          attempts: [
            { endpoint: a, outcome: 'failed', reason: '503 overloaded', retry: 0, fallback: false, startedAt: 0, durationMs: 5 },
            {
              endpoint: b,
              outcome: 'success',
              retry: 0,
              fallback: true,
              startedAt: 0,
              durationMs: 5,
              usage: u,
              charge: { usd: undefined, status: 'unpriced' },
            },
          ],
        },
      },
      { type: 'finish', reason: 'stop' },
    ]);
    await controller.answers.send('hi');
    assert.match(surface.of('streamStatus')[0].status, /Alpha \(model-1\) failed: 503 overloaded/);
    const meta = surface.of('turnDone')[0].turn.meta;
    assert.equal(meta.provider, 'beta');
    assert.deepEqual(meta.fallbacks, [{ provider: 'alpha', modelId: 'model-1', reason: '503 overloaded' }]);
    assert.equal(meta.charge.status, 'unpriced');
    assert.equal(meta.charge.usd, undefined);
  });
});

describe('toChatMessages', () => {
  it('skips empty failed answers and merges consecutive turns of one role', () => {
    const t = (role: 'user' | 'assistant', text: string) => ({ id: text, role, text, createdAt: 0 });
    assert.deepEqual(toChatMessages([t('user', 'q'), t('assistant', ''), t('user', 'q2'), t('assistant', 'a'), t('assistant', 'b')]), [
      { role: 'user', content: 'q\n\nq2' },
      { role: 'assistant', content: 'ab' },
    ]);
  });
});
