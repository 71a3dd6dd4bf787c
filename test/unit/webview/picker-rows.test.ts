import * as assert from 'node:assert/strict';
import { formatContext, formatPricePair } from '../../../src/common/format';
import { bestHealth, pickerSections, type PickerData } from '../../../src/shared/protocol';

const data: PickerData = {
  models: [
    {
      id: 'anthropic/claude-sonnet-4.5',
      displayName: 'Claude Sonnet 4.5',
      contextWindow: 200000,
      hosts: [
        {
          provider: 'anthropic',
          providerName: 'Anthropic',
          modelId: 'claude-sonnet-4-5',
          inputPerMTok: 3,
          outputPerMTok: 15,
          health: 'down',
        },
        {
          provider: 'openrouter',
          providerName: 'OpenRouter',
          modelId: 'anthropic/claude-sonnet-4.5',
          inputPerMTok: 3,
          outputPerMTok: 15,
          health: 'ok',
        },
      ],
    },
    {
      id: 'meta/llama-3.3-70b',
      displayName: 'Llama 3.3 70B',
      contextWindow: 131072,
      hosts: [
        {
          provider: 'groq',
          providerName: 'Groq',
          modelId: 'llama-3.3-70b-versatile',
          inputPerMTok: 0.59,
          outputPerMTok: 0.79,
          health: 'degraded',
        },
      ],
    },
  ],
  favourites: ['meta/llama-3.3-70b'],
  recent: ['anthropic/claude-sonnet-4.5', 'gone/model'],
  current: 'anthropic/claude-sonnet-4.5',
  preferences: {},
  providers: [],
};

describe('picker rows', () => {
  it('puts favourites and recents first, then every model', () => {
    const s = pickerSections(data, 'model');
    assert.deepEqual(
      s.map((x) => x.title),
      ['Favourites', 'Recently used', 'All models'],
    );
    assert.deepEqual(
      s[1].rows.map((r) => r.ref),
      ['anthropic/claude-sonnet-4.5'],
    );
    assert.equal(s[2].rows[0].health, 'ok');
    assert.match(s[2].rows[0].detail, /Anthropic · ○ down · \$3\.00 \/ \$15\.00/);
    assert.match(s[2].rows[0].description, /200k ctx/);
  });

  it('groups by provider with pinned refs', () => {
    const s = pickerSections(data, 'provider');
    const groups = s.filter((x) => !['Favourites', 'Recently used'].includes(x.title));
    assert.deepEqual(
      groups.map((g) => g.title),
      ['Anthropic', 'Groq', 'OpenRouter'],
    );
    assert.equal(groups[1].rows[0].ref, 'groq:llama-3.3-70b-versatile');
    // Starred through its model (a favourite of the model), so its star un-stars the model.
    assert.equal(groups[1].rows[0].favourite, true);
    assert.equal(groups[1].rows[0].favouriteRef, 'meta/llama-3.3-70b');
    assert.equal(groups[0].rows[0].favouriteRef, 'anthropic:claude-sonnet-4-5');
  });

  it('searches every term across model and host names, hiding favourites/recents', () => {
    const s = pickerSections(data, 'model', 'llama groq');
    assert.deepEqual(
      s.map((x) => x.title),
      ['All models'],
    );
    assert.deepEqual(
      s[0].rows.map((r) => r.ref),
      ['meta/llama-3.3-70b'],
    );
    assert.equal(pickerSections(data, 'model', 'nothing-matches')[0].rows.length, 0);
  });

  it('formats prices, context and health', () => {
    assert.equal(formatPricePair(undefined, 1), 'price unknown');
    assert.equal(formatPricePair(0, 0), 'free');
    assert.equal(formatPricePair(0.15, 0.6), '$0.15 / $0.60');
    assert.equal(formatContext(1_048_576), '1M ctx');
    assert.equal(bestHealth([]), 'unknown');
  });

  it('lists reachable models first and models without a key in their own group', () => {
    const olmo = {
      id: 'allenai/olmo-7b',
      displayName: 'allenai/olmo-7b',
      hosts: [{ provider: 'together', providerName: 'Together', modelId: 'allenai/olmo-7b', health: 'unknown' as const, needsKey: true }],
    };
    const withOlmo: PickerData = { ...data, models: [olmo, ...data.models], favourites: [], recent: [] };
    const s = pickerSections(withOlmo, 'model');
    assert.deepEqual(
      s.map((x) => x.title),
      ['All models', 'Needs an API key'],
    );
    assert.deepEqual(
      s[0].rows.map((r) => r.ref),
      ['anthropic/claude-sonnet-4.5', 'meta/llama-3.3-70b'],
    );
    assert.deepEqual(
      s[1].rows.map((r) => r.ref),
      ['allenai/olmo-7b'],
    );
    const byProvider = pickerSections(withOlmo, 'provider');
    assert.equal(byProvider.at(-1)?.title, 'Together · needs an API key');
  });

  it('shows a readable name for a model known only by its id, with the id beside it', () => {
    const raw = {
      ...data,
      models: [
        {
          id: 'allenai/olmo-7b-instruct',
          displayName: 'allenai/olmo-7b-instruct',
          hosts: [{ provider: 'together', providerName: 'Together', modelId: 'allenai/olmo-7b-instruct', health: 'ok' as const }],
        },
      ],
      favourites: [],
      recent: [],
    };
    const row = pickerSections(raw, 'model')[0].rows[0];
    assert.equal(row.label, 'Olmo 7B Instruct');
    assert.equal(row.aka, 'allenai/olmo-7b-instruct');
  });
});
