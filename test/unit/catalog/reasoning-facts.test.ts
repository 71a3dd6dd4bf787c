// The catalog's reasoning facts per model, which the router reads before its provider's: known
// models say whether they reason; a model the catalog knows nothing about is marked unknown, so
// its provider decides rather than a made-up "no".
import * as assert from 'node:assert/strict';
import { ModelCatalog } from '../../../src/core/catalog/model-catalog';

describe('catalog reasoning facts per model', () => {
  let catalog: ModelCatalog;
  before(async () => {
    catalog = await ModelCatalog.create({ clock: { now: () => Date.UTC(2026, 10, 25) } });
  });

  it('tells two models of one host apart', () => {
    const plain = catalog.pinned('openai', 'gpt-4.1').capabilities;
    const thinking = catalog.pinned('openai', 'gpt-5').capabilities;
    assert.deepEqual([plain.reasoning, plain.unknown], [false, undefined]);
    assert.deepEqual([thinking.reasoning, thinking.unknown], [true, undefined]);
  });

  it('marks a model it knows nothing about as unknown, not as unable to reason', () => {
    assert.equal(catalog.pinned('my-vllm', 'qwen2.5-coder-32b').capabilities.unknown, true);
  });
});
