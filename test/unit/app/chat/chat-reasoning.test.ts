// The chat's reasoning-effort control: saved per conversation, sent as the request's `reasoning`,
// restored after a reload; and the route report's warnings shown in the answer's footer.
import * as assert from 'node:assert/strict';
import { parseMessage, toHostMessages, toWebviewMessages } from '../../../../src/shared/protocol';
import { ChatController, type ChatSurface } from '../../../../src/app/chat/chat-controller';
import { ConversationStore } from '../../../../src/app/chat/conversation-store';
import { salvageConversation } from '../../../../src/app/chat/conversation-salvage';
import type { RouterEvent } from '../../../../src/core/router/types';
import { viewStateOf } from './view-state';
import { FakeClock, FakePort, MemoryFiles, MemoryKv, okScript, RecordingEditor } from './fakes';

function world() {
  const clock = new FakeClock();
  const files = new MemoryFiles();
  const kv = new MemoryKv();
  let n = 0;
  const newId = () => `r-${++n}`;
  const open = () => {
    const port = new FakePort(clock);
    const controller = new ChatController(port, new ConversationStore(files, kv, clock, newId), new RecordingEditor(), clock, newId);
    const posts: { type: string; payload: any }[] = [];
    const surface: ChatSurface = {
      post: (type, payload) => {
        const parsed = parseMessage(toWebviewMessages, { type, payload });
        assert.ok(parsed.ok, `invalid host message: ${!parsed.ok && parsed.reason}`);
        posts.push({ type, payload });
        return true;
      },
    };
    controller.attach(surface);
    return { port, controller, posts };
  };
  return { open };
}

describe('chat reasoning effort and warnings', () => {
  it('sends the chosen effort as the request reasoning, shows it in the state, and restores it after a reload', async () => {
    const w = world();
    const a = w.open();
    await a.controller.conversations.setReasoning('high');
    assert.deepEqual(viewStateOf(a.posts)?.conversation.reasoning, { effort: 'high' });
    a.port.scripts.push(okScript('alpha', ['ok']));
    await a.controller.answers.send('think hard');
    assert.deepEqual(a.port.requests[0].reasoning, { effort: 'high' });

    const b = w.open();
    assert.equal(b.controller.snapshot().reasoning, 'high', 'the reopened conversation keeps its effort');
    b.port.scripts.push(okScript('alpha', ['ok']));
    await b.controller.answers.send('again');
    assert.deepEqual(b.port.requests[0].reasoning, { effort: 'high' });

    await b.controller.conversations.setReasoning('off');
    b.port.scripts.push(okScript('alpha', ['ok']));
    await b.controller.answers.send('no thinking');
    assert.equal(b.port.requests[1].reasoning, undefined);
    assert.equal(w.open().controller.snapshot().reasoning, 'off');
  });

  it('each conversation keeps its own effort', async () => {
    const { controller, port } = world().open();
    await controller.conversations.setReasoning('low');
    port.scripts.push(okScript('alpha', ['ok']));
    await controller.answers.send('first');
    const first = controller.snapshot().conversationId;
    await controller.conversations.newConversation();
    await controller.conversations.setReasoning('minimal');
    port.scripts.push(okScript('alpha', ['ok']));
    await controller.answers.send('second');
    await controller.conversations.select(first);
    assert.equal(controller.snapshot().reasoning, 'low');
    port.scripts.push(okScript('alpha', ['ok']));
    await controller.answers.send('first again');
    assert.deepEqual(
      port.requests.map((r) => r.reasoning?.effort),
      ['low', 'minimal', 'low'],
    );
  });

  it("puts the route report's warnings in the footer meta, each naming its host", async () => {
    const { controller, port, posts } = world().open();
    const script = okScript('alpha', ['ok']);
    const report = script.find((s): s is RouterEvent & { type: 'route-report' } => 'type' in s && s.type === 'route-report')!;
    report.report.warnings = [
      {
        provider: 'alpha',
        modelId: 'model-1',
        parameter: 'reasoning',
        message: 'model-1 on Alpha does not reason; the reasoning setting was ignored.',
      },
      { provider: 'beta', modelId: 'model-1', parameter: 'temperature', message: 'sent as 1 (sk-test-SENTINEL-abc123)', changed: true },
    ];
    port.scripts.push(script);
    await controller.answers.send('hi');
    const turn = posts.find((p) => p.type === 'turnDone')!.payload.turn;
    assert.deepEqual(turn.meta.warnings, [
      {
        provider: 'alpha',
        providerName: 'Alpha',
        parameter: 'reasoning',
        message: 'model-1 on Alpha does not reason; the reasoning setting was ignored.',
      },
      { provider: 'beta', providerName: 'Beta', parameter: 'temperature', message: 'sent as 1 ([redacted])', changed: true },
    ]);
  });

  it('the webview can only ask for a known effort', () => {
    assert.ok(parseMessage(toHostMessages, { type: 'setReasoning', payload: { effort: 'medium' } }).ok);
    assert.ok(parseMessage(toHostMessages, { type: 'setReasoning', payload: { effort: 'off' } }).ok);
    assert.ok(!parseMessage(toHostMessages, { type: 'setReasoning', payload: { effort: 'extreme' } }).ok);
  });

  it('a stored conversation with a bad effort loses only that field', () => {
    const c = salvageConversation({ id: 'c1', title: 't', createdAt: 1, updatedAt: 1, reasoning: { effort: 'extreme' }, messages: [] });
    assert.equal(c?.id, 'c1');
    assert.equal(c?.reasoning, undefined);
    const ok = salvageConversation({ id: 'c2', title: 't', createdAt: 1, updatedAt: 1, reasoning: { effort: 'low' }, messages: [] });
    assert.deepEqual(ok?.reasoning, { effort: 'low' });
  });
});
