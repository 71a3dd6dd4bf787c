// The official openai SDK (`responses.stream`, `responses.create`) reads the same bytes as our
// Responses adapter and must agree on text, tool calls, usage and status, including a two-turn
// tool loop that carries encrypted reasoning. A scenario the SDK cannot parse is a simulator bug.
import * as assert from 'node:assert/strict';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { assistantMessageFrom } from '../../../../src/core/conversation/assistant-message';
import type { ChatMessage, FinishReason } from '../../../../src/core/types';
import { RESP_ENCRYPTED, responsesRouter } from '../../../sim/responses';
import { SimServer } from '../../../sim/server';
import { TOOL_LOOP_ANSWER } from '../../../sim/tool-scenarios';
import type { ToolRun } from '../tool-harness';
import { runResponses } from './rig';
import { viaSdkCreate, viaSdkStream, type SdkRespView } from './sdk-view';

/** The SDK's status in our terms. */
function sdkFinish(v: SdkRespView): FinishReason | undefined {
  if (v.status === 'incomplete') return v.incompleteReason === 'content_filter' ? 'content_filter' : 'length';
  if (v.status === 'completed') return v.calls.length ? 'tool_calls' : 'stop';
  return v.status === 'failed' ? 'error' : undefined;
}

function assertAgree(ours: ToolRun, sdk: SdkRespView): void {
  assert.equal(sdk.thrown, undefined, String(sdk.thrown));
  assert.equal(ours.error, undefined, ours.error?.message);
  assert.equal(ours.text, sdk.text);
  assert.deepEqual(
    ours.calls.map((c) => ({ id: c.id, name: c.name, args: c.args })),
    sdk.calls,
  );
  const u = ours.usage;
  assert.deepEqual(
    u && { input: u.inputTokens, output: u.outputTokens, cached: u.cacheReadTokens, reasoning: u.reasoningTokens },
    sdk.usage,
  );
  assert.equal(ours.finish, sdkFinish(sdk));
  assert.deepEqual(
    ours.reasoningParts.flatMap((p) => (p.details ?? []).map((d) => (d as { encrypted_content?: string }).encrypted_content)),
    sdk.encrypted,
  );
}

const ANSWERS = [
  'text',
  'reasoning',
  'structured',
  'incomplete',
  'incomplete-filter',
  'tool-split',
  'tool-parallel',
  'tool-empty',
  'tool-thinking',
];

describe('responses: our adapter agrees with the official openai SDK', () => {
  let sim: SimServer;
  before(async () => (sim = await SimServer.start(responsesRouter())));
  after(() => sim.close());

  for (const name of ANSWERS) {
    it(`responses.stream, ${name}: same text, calls, usage, status and encrypted reasoning`, async () => {
      const [sdk, ours] = await Promise.all([viaSdkStream(sim.url, `sim/${name}`), runResponses(sim.url, name)]);
      assertAgree(ours, sdk);
    });
  }

  for (const name of ['text', 'reasoning', 'incomplete', 'tool-parallel']) {
    it(`responses.create (not streamed), ${name}: the same JSON body reads the same`, async () => {
      const [sdk, ours] = await Promise.all([viaSdkCreate(sim.url, `sim/${name}`), runResponses(sim.url, `json-${name}`)]);
      assertAgree(ours, sdk);
    });
  }

  it('an `error` event mid-stream: both see its code, and neither reports a finished call', async () => {
    const [sdk, ours] = await Promise.all([viaSdkStream(sim.url, 'sim/tool-error'), runResponses(sim.url, 'tool-error')]);
    assert.equal(sdk.errorCode, 'server_error');
    assert.equal(ours.error?.code, 'server_error');
    assert.equal(ours.calls.length, 0);
    assert.deepEqual(sdk.calls, []);
  });

  it('response.failed: the SDK reports status failed with the code we fail with', async () => {
    const [sdk, ours] = await Promise.all([viaSdkStream(sim.url, 'sim/failed'), runResponses(sim.url, 'failed')]);
    assert.equal(sdk.status, 'failed');
    assert.equal(ours.finish, sdkFinish(sdk));
    assert.equal(ours.error?.code, sdk.errorCode);
  });

  it('a two-turn tool loop carries the encrypted reasoning back unchanged, as the SDK does', async () => {
    // Ours: the assistant message built from the events goes back with the tool result.
    const user: ChatMessage = { role: 'user', content: 'Weather?' };
    const first = await runResponses(sim.url, 'tool-loop');
    assert.equal(first.finish, 'tool_calls');
    const call = first.calls[0];
    const messages: ChatMessage[] = [
      user,
      assistantMessageFrom(first.events),
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: call.id, content: '18°C' }] },
    ];
    const second = await runResponses(sim.url, 'tool-loop', { messages });
    assert.equal(second.text, TOOL_LOOP_ANSWER.join(''));
    const oursReq = sim.requests.at(-1)!;
    assert.ok(oursReq.rawBody.includes(JSON.stringify(RESP_ENCRYPTED)), 'the encrypted content is in the bytes, unchanged');

    // The SDK: its first response's output items go back with the function_call_output.
    const sdkFirst = await viaSdkStream(sim.url, 'sim/tool-loop');
    const input: ResponseInputItem[] = [
      { role: 'user', content: 'Weather?' },
      ...(sdkFirst.response!.output as ResponseInputItem[]),
      { type: 'function_call_output', call_id: sdkFirst.calls[0].id, output: '18°C' },
    ];
    const sdkSecond = await viaSdkStream(sim.url, 'sim/tool-loop', input);
    assert.equal(sdkSecond.text, second.text);
    const sdkReq = sim.requests.at(-1)!;

    // Both second requests hold the same items. Ours leaves out the ids the server cannot look up with
    // store false; the SDK adds its own parse helper's field.
    const items = (raw: string) =>
      ((JSON.parse(raw) as { input: Record<string, unknown>[] }).input ?? []).map(
        ({ id: _id, status: _status, parsed_arguments: _parsed, ...rest }) => rest,
      );
    assert.deepEqual(items(oursReq.rawBody), items(sdkReq.rawBody));
    const reasoning = (JSON.parse(oursReq.rawBody) as { input: Record<string, unknown>[] }).input.find((i) => i.type === 'reasoning');
    assert.equal(reasoning?.encrypted_content, RESP_ENCRYPTED);
    assert.equal(reasoning?.id, undefined);
  });
});
