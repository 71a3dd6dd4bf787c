import * as assert from 'node:assert/strict';
import { TurnAccumulator } from '../../../src/vscode/chat/turn-accumulator';

function acc() {
  let t = 1000;
  return new TurnAccumulator({ now: () => (t += 10) }, (id) => id.toUpperCase(), (s) => s);
}

describe('TurnAccumulator metadata', () => {
  it('merges metadata pieces from one provider (headers first, then the first chunk)', () => {
    const a = acc();
    a.apply({ type: 'response-metadata', provider: 'openrouter', requestId: 'req_1' });
    a.apply({ type: 'response-metadata', provider: 'openrouter', modelId: 'anthropic/claude-sonnet-4.5', upstreamProvider: 'Anthropic' });
    a.apply({ type: 'response-metadata', provider: 'openrouter', requestId: 'gen-2' });
    a.apply({ type: 'text-delta', text: 'hi' });
    const meta = a.result(false).meta;
    assert.equal(meta.servedModelId, 'anthropic/claude-sonnet-4.5');
    assert.equal(meta.upstreamProvider, 'Anthropic');
  });

  it('starts over when a fallback moved to another provider', () => {
    const a = acc();
    a.apply({ type: 'response-metadata', provider: 'openrouter', modelId: 'x/y', upstreamProvider: 'Groq' });
    a.apply({ type: 'response-metadata', provider: 'anthropic', requestId: 'req_2' });
    a.apply({ type: 'text-delta', text: 'hi' });
    const meta = a.result(false).meta;
    assert.equal(meta.provider, 'anthropic');
    assert.equal(meta.upstreamProvider, undefined);
    assert.equal(meta.servedModelId, undefined);
  });
});
