// The provider's change event fires only when what VS Code was given differs from what is offered now.
import * as assert from 'node:assert/strict';
import type { OfferedModel } from '../../../src/app/lm/model-offer';
import type { Core } from '../../../src/vscode/services';
import { offerSignature, watchOffer } from '../../../src/vscode/lm/offer-watch';

type Listener = () => void;

function fakeCore() {
  const health: Listener[] = [];
  const catalog: Listener[] = [];
  const sub = (list: Listener[]) => (l: Listener) => (list.push(l), { dispose: () => void list.splice(list.indexOf(l), 1) });
  const core = {
    engine: { health: { onDidChange: sub(health) }, catalog: { onDidChange: sub(catalog) }, refreshReachable: async () => undefined },
  } as unknown as Core;
  return { core, health, catalog };
}

const row = (id: string) => ({ id }) as OfferedModel;
const settle = () => new Promise((r) => setTimeout(r, 400));

describe('watchOffer', () => {
  it('fires when the offer changes after VS Code was given models, once per new offer, and follows catalog events', async () => {
    const { core, catalog } = fakeCore();
    let offer = [row('a')];
    let served: string | undefined;
    let fired = 0;
    let keys: Listener = () => undefined;
    const w = watchOffer({
      loadedCore: async () => core,
      offer: async () => offer,
      served: () => served,
      fire: () => fired++,
      onKeys: (l) => ((keys = l), { dispose() {} }),
      onSettings: () => ({ dispose() {} }),
    });
    try {
      keys();
      await settle();
      assert.equal(fired, 0, 'nothing to compare before VS Code asked');
      served = offerSignature(offer);
      w.kick();
      await settle();
      assert.equal(fired, 0, 'unchanged offer');
      offer = [row('a'), row('b')];
      assert.equal(catalog.length, 1, 'subscribed to the catalog once the core exists');
      catalog[0]();
      await settle();
      assert.equal(fired, 1);
      keys();
      await settle();
      assert.equal(fired, 1, 'the same new offer is announced once');
    } finally {
      w.dispose();
    }
    assert.equal(catalog.length, 0, 'unsubscribed on dispose');
  });

  it('does nothing while the core is not loaded', async () => {
    let fired = 0;
    let keys: Listener = () => undefined;
    const w = watchOffer({
      loadedCore: async () => undefined,
      offer: async () => [],
      served: () => 'x',
      fire: () => fired++,
      onKeys: (l) => ((keys = l), { dispose() {} }),
      onSettings: () => ({ dispose() {} }),
    });
    keys();
    await settle();
    w.dispose();
    assert.equal(fired, 0);
  });
});
