// A host that answers 200 and then fails before its first token. The gateway's headers leave with
// the first token, not at the upstream's 200, so such a failure can still fall back to another host
// under truthful headers, and when no host answers it stays an HTTP error the SDKs classify and
// retry. Sent at the 200, it could only be an error event inside a 200 stream, which both SDKs
// raise as a bare APIError (no status) and neither retries.
import Anthropic from '@anthropic-ai/sdk';
import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startHarness, TOKEN, type Harness } from './harness';

const MSG = [{ role: 'user' as const, content: 'hi' }];

describe('Gateway: a host that fails between its 200 and its first token', function () {
  this.timeout(20_000);
  let h: Harness;
  let openai: OpenAI;
  let anthropic: Anthropic;
  before(async () => {
    h = await startHarness({
      chains: {
        'late-error': ['openai:sim/error-before-output', 'anthropic:sim/ok'],
        'late-reset': ['anthropic:sim/fault-reset-before-output', 'openai:sim/text'],
        'every-host-late': ['openai:sim/error-before-output', 'anthropic:sim/fault-reset-before-output'],
      },
    });
    openai = new OpenAI({ baseURL: `${h.gateway.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
    anthropic = new Anthropic({ baseURL: h.gateway.url, authToken: TOKEN, apiKey: null, maxRetries: 0 });
  });
  after(() => h.close());

  for (const [chain, next] of [
    ['late-error', 'anthropic'],
    ['late-reset', 'openai'],
  ]) {
    it(`OpenAI SDK (${chain}): the stream comes from the next host, and the headers name it`, async () => {
      const { data: stream, response } = await openai.chat.completions.create({ model: chain, messages: MSG, stream: true }).withResponse();
      let text = '';
      for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
      assert.ok(text.length > 0);
      assert.equal(response.headers.get('x-switchboard-provider'), next);
      assert.ok(Number(response.headers.get('x-switchboard-attempts')) >= 2, String(response.headers.get('x-switchboard-attempts')));
    });
  }

  it('Anthropic SDK: the stream comes from the next host, and the headers name it', async () => {
    const { data: stream, response } = await anthropic.messages
      .create({ model: 'late-reset', max_tokens: 50, messages: MSG, stream: true })
      .withResponse();
    let text = '';
    for await (const e of stream) if (e.type === 'content_block_delta' && e.delta.type === 'text_delta') text += e.delta.text;
    assert.equal(text, 'Hello from the simulator.');
    assert.equal(response.headers.get('x-switchboard-provider'), 'openai');
    assert.ok(Number(response.headers.get('x-switchboard-attempts')) >= 2);
  });

  it('OpenAI SDK: when every host fails after its 200, the error has a status, so the SDK classifies and retries it', async () => {
    let sent = 0;
    const counting: typeof fetch = (input, init) => {
      sent++;
      return fetch(input, init);
    };
    const retrying = new OpenAI({ baseURL: `${h.gateway.url}/v1`, apiKey: TOKEN, maxRetries: 1, fetch: counting });
    const err = await retrying.chat.completions.create({ model: 'every-host-late', messages: MSG, stream: true }).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof OpenAI.APIError && err.status !== undefined && err.status >= 500, String(err));
    assert.equal(sent, 2, 'the SDK retried the request itself');
  });

  it('Anthropic SDK: when every host fails after its 200, it raises the class of the status', async () => {
    const err = await anthropic.messages.create({ model: 'every-host-late', max_tokens: 50, messages: MSG, stream: true }).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof Anthropic.APIError && err.status !== undefined && err.status >= 500, String(err));
  });
});
