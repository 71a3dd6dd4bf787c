import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { FarTurns } from '../../../src/webview/chat/far-turns';

/** An IntersectionObserver the test drives: `report` delivers entries as the browser would. */
class FakeObserver {
  readonly targets = new Set<Element>();
  constructor(
    private readonly cb: IntersectionObserverCallback,
    readonly init: IntersectionObserverInit,
  ) {}
  observe(el: Element): void {
    this.targets.add(el);
  }
  unobserve(el: Element): void {
    this.targets.delete(el);
  }
  report(target: Element, near: boolean, height = 300, rootHeight = 600): void {
    assert.ok(this.targets.has(target), `${target.getAttribute('data-id')} is observed`);
    const entry = {
      target,
      isIntersecting: near,
      boundingClientRect: { height },
      rootBounds: rootHeight ? { height: rootHeight } : null,
    } as unknown as IntersectionObserverEntry;
    this.cb([entry], this as unknown as IntersectionObserver);
  }
}

function rig(ids: string[]) {
  const dom = new JSDOM('<!DOCTYPE html><body><div id=log></div></body>');
  const doc = dom.window.document;
  const g = globalThis as unknown as { document?: Document };
  const prev = g.document;
  g.document = doc;
  const log = doc.getElementById('log') as unknown as HTMLElement;
  const turn = (id: string) => {
    const el = doc.createElement('article');
    el.dataset.id = id;
    el.dataset.testid = 'message';
    el.innerHTML = `<div class=body>answer ${id}</div><button>copy</button>`;
    return el as unknown as HTMLElement;
  };
  log.append(...ids.map(turn));
  const dropped: string[] = [];
  const redrawn: string[] = [];
  let observer!: FakeObserver;
  const far = new FarTurns(
    log,
    {
      dropped: (id) => dropped.push(id),
      redraw: (id) => (redrawn.push(id), id === 'gone' ? undefined : turn(id)),
    },
    (cb, init) => (observer = new FakeObserver(cb, init)) as unknown as IntersectionObserver,
  );
  const at = (id: string) => log.querySelector(`[data-id=${id}]`) as HTMLElement;
  return { log, doc, far, observer, dropped, redrawn, at, restore: () => (g.document = prev) };
}

describe('FarTurns', () => {
  it('swaps a far turn for an empty, hidden box of its height, and draws it again when it nears the view', () => {
    const r = rig(['u0', 'a0', 'u1', 'a1']);
    try {
      assert.equal(r.observer.init.root, r.log);
      assert.equal(r.observer.init.rootMargin, '200% 0px');
      r.far.sync([r.at('u0'), r.at('a0')]);
      assert.deepEqual(
        [...r.observer.targets].map((t) => t.getAttribute('data-id')),
        ['u0', 'a0'],
      );
      r.observer.report(r.at('a0'), true);
      assert.deepEqual(r.dropped, [], 'a near turn stays');
      r.observer.report(r.at('a0'), false, 312.5);
      const box = r.at('a0');
      assert.equal(box.className, 'message-placeholder');
      assert.equal(box.getAttribute('aria-hidden'), 'true');
      assert.equal(box.childElementCount, 0);
      assert.equal(box.style.height, '312.5px');
      assert.deepEqual(r.dropped, ['a0']);
      assert.deepEqual(
        [...r.log.children].map((c) => c.getAttribute('data-id')),
        ['u0', 'a0', 'u1', 'a1'],
        'in its place',
      );
      r.observer.report(box, true);
      assert.deepEqual(r.redrawn, ['a0']);
      const back = r.at('a0');
      assert.equal(back.dataset.testid, 'message');
      assert.equal(back.style.containIntrinsicBlockSize, 'auto 312.5px', 'until laid out, it keeps the height it had');
      assert.ok(!box.isConnected && !r.observer.targets.has(box));
      r.observer.report(back, false);
      assert.deepEqual(r.dropped, ['a0', 'a0'], 'a turn drawn again can be dropped again');
    } finally {
      r.restore();
    }
  });

  it('keeps the turns it may not drop, a focused turn, and every turn of a view with no size', () => {
    const r = rig(['u0', 'a0', 'u1', 'a1']);
    try {
      r.far.sync([r.at('u0'), r.at('a0'), r.at('u1')]);
      r.observer.report(r.at('u0'), false, 300, 0);
      (r.at('a0').querySelector('button') as HTMLElement).focus();
      r.observer.report(r.at('a0'), false);
      assert.deepEqual(r.dropped, []);
      // The last turns leave the droppable set: they are no longer watched, placeholders still are.
      r.observer.report(r.at('u1'), false);
      const box = r.at('u1');
      r.far.sync([r.at('u0')]);
      assert.deepEqual(
        [...r.observer.targets].map((t) => t.getAttribute('data-id')),
        ['u0', 'u1'],
      );
      assert.ok(r.observer.targets.has(box));
      r.observer.report(box, true);
      assert.ok(!r.observer.targets.has(r.at('u1')), 'drawn again but not droppable now: not watched');
    } finally {
      r.restore();
    }
  });

  it('removes the placeholder of a turn the state no longer has', () => {
    const r = rig(['gone', 'a0']);
    try {
      r.far.sync([r.at('gone')]);
      r.observer.report(r.at('gone'), false);
      r.observer.report(r.at('gone'), true);
      assert.deepEqual(
        [...r.log.children].map((c) => c.getAttribute('data-id')),
        ['a0'],
      );
    } finally {
      r.restore();
    }
  });
});
