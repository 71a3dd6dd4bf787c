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
  toolsSupported: false,
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
    assert.deepEqual(sonnet.capabilities, { imageInput: true, toolCalling: false });
    assert.match(offer.find((m) => m.id === 'openai/gpt-4o-mini')!.detail, /via OPENAI/);
  });

  it('uses defaults where the catalog has no limits', () => {
    const llama = buildOffer(source()).find((m) => m.id === 'meta/llama')!;
    assert.equal(llama.maxOutputTokens, DEFAULT_MAX_OUTPUT);
    assert.equal(llama.maxInputTokens, DEFAULT_CONTEXT_WINDOW - DEFAULT_MAX_OUTPUT);
  });

  it('reports tool calling only once the core supports it, and only where a host can call tools', () => {
    const offer = buildOffer(source({ toolsSupported: true }));
    assert.equal(offer.find((m) => m.id === 'meta/llama')!.capabilities.toolCalling, true);
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
  const src = source({ chains: { coding: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o-mini'] } });
  const offer = buildOffer(src);
  const none = () => undefined;

  it('routes a canonical or pinned id as itself, and a chain as its list, without counting tokens', () => {
    const counted = () => assert.fail('needs() read for a plain id');
    assert.deepEqual(routeOf('groq:llama', offer, src, counted, none), { models: ['groq:llama'] });
    assert.deepEqual(
      routeOf('openai/gpt-4o-mini', offer, src, () => ({ inputTokens: 10, images: false }), none),
      { models: ['openai/gpt-4o-mini'] },
    );
    assert.deepEqual(
      routeOf(`${VIRTUAL.chainPrefix}coding`, offer, src, () => ({ inputTokens: 10, images: false }), none),
      { models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o-mini'] },
    );
    assert.equal(
      routeOf(`${VIRTUAL.chainPrefix}gone`, offer, src, () => ({ inputTokens: 10, images: false }), none),
      undefined,
    );
  });

  it('cheapest capable: cheapest first among models whose context and inputs fit the request', () => {
    assert.deepEqual(routeOf(VIRTUAL.cheapest, offer, src, () => ({ inputTokens: 10, images: false }), none)?.models, [
      'meta/llama',
      'openai/gpt-4o-mini',
      'anthropic/claude-sonnet-4.5',
    ]);
    assert.deepEqual(routeOf(VIRTUAL.cheapest, offer, src, () => ({ inputTokens: 50_000, images: false }), none)?.models, [
      'meta/llama',
      'anthropic/claude-sonnet-4.5',
    ]);
    assert.deepEqual(routeOf(VIRTUAL.cheapest, offer, src, () => ({ inputTokens: 10, images: true }), none)?.models, [
      'anthropic/claude-sonnet-4.5',
    ]);
    assert.equal(
      routeOf(VIRTUAL.cheapest, offer, src, () => ({ inputTokens: 10_000_000, images: false }), none),
      undefined,
    );
  });

  it('fastest: lowest measured time to first token first, unmeasured ones after by price', () => {
    const ttft = (m: string) => (m === 'anthropic/claude-sonnet-4.5' ? 300 : m === 'openai/gpt-4o-mini' ? 900 : undefined);
    const r = routeOf(VIRTUAL.fastest, offer, src, () => ({ inputTokens: 10, images: false }), ttft);
    assert.deepEqual(r?.models, ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o-mini', 'meta/llama']);
    assert.equal(r?.preferences?.sort, 'latency');
  });
});
