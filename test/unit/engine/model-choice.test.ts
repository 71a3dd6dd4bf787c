// The virtual models' choice, read off a route plan: cheapest capable and fastest, with the
// request's size, images and tools deciding which models qualify.
import * as assert from 'node:assert/strict';
import { ASSUMED_CONTEXT_WINDOW, choiceKindOf, choiceNeeds, chooseModels, type ChoiceFacts } from '../../../src/core/engine/model-choice';
import { mergePreferences } from '../../../src/core/router/preferences';
import { planRoute, type PlannedEndpoint } from '../../../src/core/router/route-plan';
import { descriptor, ep, MemoryCatalog } from '../router/fakes';

const caps = (images: boolean, tools: boolean) => ({ images, reasoning: false, tools });
const SONNET = 'anthropic/claude-sonnet-4.5';
const MINI = 'openai/gpt-4o-mini';
const LLAMA = 'meta/llama';
const endpoints = [
  ep('anthropic', 'claude-sonnet-4-5', SONNET, {
    price: { inputPerMTok: 3, outputPerMTok: 15 },
    contextWindow: 200_000,
    capabilities: caps(true, true),
  }),
  ep('openai', 'gpt-4o-mini', MINI, {
    price: { inputPerMTok: 0.15, outputPerMTok: 0.6 },
    contextWindow: 16_000,
    capabilities: caps(false, true),
  }),
  // No window stated by the host; the model's facts may know one.
  ep('groq', 'llama', LLAMA, { price: { inputPerMTok: 0.05, outputPerMTok: 0.08 }, capabilities: caps(false, false) }),
];
const descriptors = new Map(
  ['anthropic', 'openai', 'groq'].map((id) => [id, descriptor(id, { capabilities: { ...descriptor(id).capabilities, images: true } })]),
);
const MODELS = [SONNET, MINI, LLAMA];

function plan(tools = false) {
  return planRoute({ models: MODELS, needs: { tools, schema: false } }, mergePreferences({ sort: 'price' }), {
    catalog: new MemoryCatalog(endpoints),
    descriptorOf: (id) => descriptors.get(id),
    hasKey: () => true,
    isKeyBad: () => false,
  });
}
const facts = (over: Partial<ChoiceFacts> = {}): ChoiceFacts => ({ ttftOf: () => undefined, modelContext: () => undefined, ...over });
const needs = (tokens: number, images = false) => ({ tokens, images });

describe('chooseModels (the engine behind @cheapest and @fastest)', () => {
  it('cheapest capable: cheapest first among models whose context and inputs fit', () => {
    assert.deepEqual(chooseModels('cheapest', plan(), needs(10), facts())?.models, [LLAMA, MINI, SONNET]);
    assert.deepEqual(chooseModels('cheapest', plan(), needs(50_000), facts())?.models, [LLAMA, SONNET], 'gpt-4o-mini holds 16k');
    assert.deepEqual(chooseModels('cheapest', plan(), needs(10, true), facts())?.models, [SONNET], 'only Sonnet takes images');
    assert.equal(chooseModels('cheapest', plan(), needs(10_000_000), facts()), undefined);
    assert.equal(chooseModels('cheapest', plan(), needs(10), facts())?.preferences.sort, 'price');
  });

  it("a host without a stated window uses the model's, then the assumed one", () => {
    assert.deepEqual(chooseModels('cheapest', plan(), needs(ASSUMED_CONTEXT_WINDOW + 1), facts())?.models, [SONNET]);
    const big = facts({ modelContext: (m) => (m === LLAMA ? 1_000_000 : undefined) });
    assert.deepEqual(chooseModels('cheapest', plan(), needs(300_000), big)?.models, [LLAMA]);
  });

  it('with tools, only models the plan kept (a host that can call tools) qualify', () => {
    assert.deepEqual(chooseModels('cheapest', plan(true), needs(10), facts())?.models, [MINI, SONNET]);
  });

  it('fastest: lowest measured time to first token first, unmeasured ones after by price', () => {
    const ttft = (c: PlannedEndpoint) => ({ anthropic: 300, openai: 900 })[c.endpoint.provider as 'anthropic' | 'openai'];
    const r = chooseModels('fastest', plan(), needs(10), facts({ ttftOf: ttft }));
    assert.deepEqual(r?.models, [SONNET, MINI, LLAMA]);
    assert.equal(r?.preferences.sort, 'latency');
  });

  it('keeps at most the fallback limit', () => {
    assert.deepEqual(chooseModels('cheapest', plan(), needs(10), facts(), 2)?.models, [LLAMA, MINI]);
  });

  it('reads prompt size, reserved output and images (tool results included) from the request', () => {
    const msgs = [
      { role: 'user' as const, content: 'look' },
      {
        role: 'tool' as const,
        content: [
          { type: 'tool-result' as const, toolCallId: 'c', content: [{ type: 'image' as const, mediaType: 'image/png', data: 'AA==' }] },
        ],
      },
    ];
    assert.deepEqual(choiceNeeds(msgs, 100, 50), { tokens: 150, images: true });
    assert.deepEqual(choiceNeeds([{ role: 'user', content: 'hi' }], 7), { tokens: 7, images: false });
  });
});

describe('chooseModels at its edges', () => {
  it('a request exactly the size of a window fits it, one token more does not', () => {
    assert.deepEqual(chooseModels('cheapest', plan(), needs(16_000), facts())?.models, [LLAMA, MINI, SONNET]);
    assert.deepEqual(chooseModels('cheapest', plan(), needs(16_001), facts())?.models, [LLAMA, SONNET]);
  });

  it('a model is as cheap and as fast as its best fitting host', () => {
    const two = [
      ep('dear', 'x', 'acme/x', { price: { inputPerMTok: 9, outputPerMTok: 9 } }),
      ep('cheap', 'x', 'acme/x', { price: { inputPerMTok: 1, outputPerMTok: 1 } }),
      ep('mid', 'y', 'acme/y', { price: { inputPerMTok: 5, outputPerMTok: 5 } }),
    ];
    const p = planRoute({ models: ['acme/y', 'acme/x'] }, mergePreferences({ sort: 'price' }), {
      catalog: new MemoryCatalog(two),
      descriptorOf: (id) => descriptor(id),
      hasKey: () => true,
      isKeyBad: () => false,
    });
    assert.deepEqual(chooseModels('cheapest', p, needs(10), facts())?.models, ['acme/x', 'acme/y']);
    const ttft = (c: PlannedEndpoint) => ({ dear: 100, cheap: 900, mid: 500 })[c.endpoint.provider as 'dear'];
    assert.deepEqual(chooseModels('fastest', p, needs(10), facts({ ttftOf: ttft }))?.models, ['acme/x', 'acme/y']);
  });

  it('fastest: equal times to first token, measured or not, are ordered by price', () => {
    const same = () => 400;
    assert.deepEqual(chooseModels('fastest', plan(), needs(10), facts({ ttftOf: same }))?.models, [LLAMA, MINI, SONNET]);
    assert.deepEqual(chooseModels('fastest', plan(), needs(10), facts())?.models, [LLAMA, MINI, SONNET]);
  });

  it('comparable models the plan appended are not chosen on their own', () => {
    const p = planRoute({ models: [MINI] }, mergePreferences({ comparableModels: { [MINI]: [LLAMA] }, allowComparableFallback: true }), {
      catalog: new MemoryCatalog(endpoints),
      descriptorOf: (id) => descriptors.get(id),
      hasKey: () => true,
      isKeyBad: () => false,
    });
    assert.equal(p.candidates.length, 2);
    assert.deepEqual(chooseModels('cheapest', p, needs(10), facts())?.models, [MINI]);
  });
});

describe('choiceNeeds and choiceKindOf', () => {
  const png = { type: 'image' as const, mediaType: 'image/png', data: 'AA==' };
  const text = { type: 'text' as const, text: 'see' };

  it('an image among other parts of a message counts; text parts and text tool results do not', () => {
    assert.equal(choiceNeeds([{ role: 'user', content: [text, png] }], 1).images, true);
    assert.equal(choiceNeeds([{ role: 'user', content: [text] }], 1).images, false);
    assert.equal(
      choiceNeeds(
        [
          { role: 'user', content: 'a' },
          { role: 'user', content: [png] },
        ],
        1,
      ).images,
      true,
    );
    const toolText = { type: 'tool-result' as const, toolCallId: 'c', content: 'sunny' };
    const toolParts = { type: 'tool-result' as const, toolCallId: 'c', content: [text] };
    const toolMixed = { type: 'tool-result' as const, toolCallId: 'c', content: [text, png] };
    assert.equal(choiceNeeds([{ role: 'tool', content: [toolText] }], 1).images, false);
    assert.equal(choiceNeeds([{ role: 'tool', content: [toolParts] }], 1).images, false);
    assert.equal(choiceNeeds([{ role: 'tool', content: [toolMixed] }], 1).images, true);
  });

  it('names the virtual models by their ids only', () => {
    assert.equal(choiceKindOf('@cheapest'), 'cheapest');
    assert.equal(choiceKindOf('@fastest'), 'fastest');
    assert.equal(choiceKindOf('cheapest'), undefined);
    assert.equal(choiceKindOf(''), undefined);
  });
});
