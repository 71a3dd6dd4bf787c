// The models offered to VS Code's language-model API and how each offered id is routed.
import * as assert from 'node:assert/strict';
import type { ModelListing } from '../../../../src/core/catalog/catalog-api';
import type { Endpoint } from '../../../../src/core/catalog/types';
import {
  buildOffer,
  DEFAULT_CONTEXT_WINDOW,
  DEFAULT_MAX_OUTPUT,
  routeOf,
  routingPhrase,
  VIRTUAL,
  type OfferSource,
} from '../../../../src/app/lm/model-offer';
import { ep } from '../../router/fakes';

const caps = (images = false) => ({ images, reasoning: false, tools: true });
const HOSTS: Record<string, Endpoint[]> = {
  'anthropic/claude-sonnet-4.5': [
    ep('anthropic', 'claude-sonnet-4-5', 'anthropic/claude-sonnet-4.5', {
      price: { inputPerMTok: 3, outputPerMTok: 15 },
      contextWindow: 200_000,
      maxOutputTokens: 64_000,
      capabilities: caps(true),
    }),
    ep('openrouter', 'anthropic/claude-sonnet-4.5', 'anthropic/claude-sonnet-4.5', {
      price: { inputPerMTok: 3, outputPerMTok: 15 },
      contextWindow: 200_000,
      maxOutputTokens: 32_000,
      capabilities: caps(true),
    }),
  ],
  'openai/gpt-4o-mini': [
    ep('openai', 'gpt-4o-mini', 'openai/gpt-4o-mini', {
      price: { inputPerMTok: 0.15, outputPerMTok: 0.6 },
      contextWindow: 16_000,
      capabilities: caps(),
    }),
  ],
  'meta/llama': [ep('groq', 'llama', 'meta/llama', { price: { inputPerMTok: 0.05, outputPerMTok: 0.08 }, capabilities: caps() })],
};
const listing: ModelListing[] = Object.entries(HOSTS).map(([model, hosts]) => ({
  model,
  displayName: model.split('/')[1],
  hosts: hosts.map((h) => h.provider),
  inputPerMTok: hosts[0].price?.inputPerMTok,
  outputPerMTok: hosts[0].price?.outputPerMTok,
  contextWindow: hosts[0].contextWindow,
  capabilities: hosts[0].capabilities,
}));
const source = (over: Partial<OfferSource> = {}): OfferSource => ({
  listing,
  hostsOf: (m) => HOSTS[m] ?? [],
  providerName: (id) => id.toUpperCase(),
  sort: 'price',
  chains: {},
  pinnedHosts: false,
  callsTools: (e) => e.capabilities.tools,
  ...over,
});

describe('buildOffer', () => {
  it('offers the virtual models, then each reachable canonical model with how it is routed', () => {
    const offer = buildOffer(source());
    assert.deepEqual(
      offer.map((m) => m.id),
      [VIRTUAL.cheapest, VIRTUAL.fastest, 'anthropic/claude-sonnet-4.5', 'openai/gpt-4o-mini', 'meta/llama'],
    );
    const sonnet = offer.find((m) => m.id === 'anthropic/claude-sonnet-4.5')!;
    assert.match(sonnet.detail, /cheapest of 2 hosts/);
    assert.match(sonnet.tooltip, /ANTHROPIC: \$3\/\$15 per MTok/);
    // The smallest output limit among hosts, so a fallback host accepts what the caller plans for.
    assert.equal(sonnet.maxOutputTokens, 32_000);
    assert.equal(sonnet.maxInputTokens, 200_000 - 32_000);
    assert.deepEqual(sonnet.capabilities, { imageInput: true, toolCalling: true });
    assert.match(offer.find((m) => m.id === 'openai/gpt-4o-mini')!.detail, /via OPENAI/);
  });

  it('uses defaults where the catalog has no limits', () => {
    const llama = buildOffer(source()).find((m) => m.id === 'meta/llama')!;
    assert.equal(llama.maxOutputTokens, DEFAULT_MAX_OUTPUT);
    assert.equal(llama.maxInputTokens, DEFAULT_CONTEXT_WINDOW - DEFAULT_MAX_OUTPUT);
  });

  it('reports tool calling only where a reachable host can call tools, by the capability data', () => {
    // Only the direct Anthropic host can; groq's llama host cannot.
    const callsTools = (e: Endpoint) => e.provider === 'anthropic';
    const offer = buildOffer(source({ callsTools, pinnedHosts: true, chains: { mixed: ['anthropic/claude-sonnet-4.5', 'meta/llama'] } }));
    const caps = (id: string) => offer.find((m) => m.id === id)!.capabilities.toolCalling;
    assert.equal(caps('anthropic/claude-sonnet-4.5'), true, 'one capable host is enough for a canonical model');
    assert.equal(caps('meta/llama'), false);
    assert.equal(caps('anthropic:claude-sonnet-4-5'), true);
    assert.equal(caps('openrouter:anthropic/claude-sonnet-4.5'), false, 'a pinned host only by its own data');
    assert.equal(caps(`${VIRTUAL.chainPrefix}mixed`), false, 'a chain only when every member can');
    assert.equal(caps(VIRTUAL.cheapest), true, 'a virtual model when any model can');
    assert.equal(buildOffer(source({ callsTools: () => false }))[0].capabilities.toolCalling, false);
  });

  it('offers a named chain with limits and capabilities every member has', () => {
    const offer = buildOffer(source({ chains: { coding: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o-mini', 'unknown/x'] } }));
    const chain = offer.find((m) => m.id === `${VIRTUAL.chainPrefix}coding`)!;
    assert.equal(chain.name, 'Switchboard: coding');
    assert.equal(chain.maxInputTokens, 16_000 - DEFAULT_MAX_OUTPUT);
    assert.equal(chain.capabilities.imageInput, false);
    assert.match(chain.detail, /fallback chain of 2/);
  });

  it('offers pinned hosts only when asked', () => {
    assert.equal(
      buildOffer(source()).some((m) => m.id === 'openrouter:anthropic/claude-sonnet-4.5'),
      false,
    );
    const pinned = buildOffer(source({ pinnedHosts: true })).find((m) => m.id === 'openrouter:anthropic/claude-sonnet-4.5')!;
    assert.match(pinned.detail, /pinned to OPENROUTER/);
    assert.equal(pinned.maxOutputTokens, 32_000);
  });

  it('offers nothing when no model is reachable', () => {
    assert.deepEqual(buildOffer(source({ listing: [] })), []);
  });

  it('phrases each sort strategy', () => {
    assert.equal(routingPhrase('latency', ['A', 'B', 'C']), 'fastest of 3 hosts');
    assert.equal(routingPhrase('balanced', ['A', 'B']), 'balanced across 2 hosts');
    assert.equal(routingPhrase('price', ['A']), 'via A');
  });
});

describe('routeOf', () => {
  const src = { chains: { coding: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o-mini'] } };

  it('routes a canonical or pinned id as itself, and a chain as its list', () => {
    assert.deepEqual(routeOf('groq:llama', src), { models: ['groq:llama'] });
    assert.deepEqual(routeOf('openai/gpt-4o-mini', src), { models: ['openai/gpt-4o-mini'] });
    assert.deepEqual(routeOf(`${VIRTUAL.chainPrefix}coding`, src), { models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o-mini'] });
    assert.equal(routeOf(`${VIRTUAL.chainPrefix}gone`, src), undefined);
  });

  it("leaves the virtual models' choice to the engine", () => {
    assert.deepEqual(routeOf(VIRTUAL.cheapest, src), { choose: 'cheapest' });
    assert.deepEqual(routeOf(VIRTUAL.fastest, src), { choose: 'fastest' });
  });
});
