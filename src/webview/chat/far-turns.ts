// Settled turns far out of view hold no DOM: each is swapped for an empty box of its last measured
// height, and drawn again from the view's state when it nears the viewport. A long chat's DOM then
// scales with the view, not the conversation: every frame of a stream paints, layerizes and commits
// the document, and a garbage collection traces all of it.
import { h } from '../shared/dom';
import type { TurnView } from './message-view';

/** How far outside the view a turn stays drawn: two viewports on each side. */
export const NEAR_MARGIN = '200% 0px';

export interface FarTurnsOptions {
  /** Draws turn `id` again from the state the view holds; undefined if the turn is gone. */
  redraw(id: string): HTMLElement | undefined;
  /** Turn `id`'s DOM was dropped for `placeholder`, which now stands in the log in its place. */
  dropped(id: string, placeholder: HTMLElement): void;
}

type ObserverFactory = (cb: IntersectionObserverCallback, init: IntersectionObserverInit) => IntersectionObserver;

/** Swaps settled turns of `log` for placeholders when far from its view, and back when near. */
export class FarTurns {
  private readonly observer: IntersectionObserver;
  private readonly observed = new Set<Element>();
  private droppable = new Set<Element>();

  constructor(
    log: HTMLElement,
    private readonly opts: FarTurnsOptions,
    observe: ObserverFactory = (cb, init) => new IntersectionObserver(cb, init),
  ) {
    this.observer = observe((entries) => this.onEntries(entries), { root: log, rootMargin: NEAR_MARGIN });
  }

  /**
   * Sets the turns that may be dropped (settled, not among the last): the others stay drawn.
   * Placeholders already in the log stay watched, so that any coming near is drawn again.
   */
  sync(droppable: readonly Element[]): void {
    this.droppable = new Set(droppable);
    for (const el of this.observed) if (!el.isConnected || (!isPlaceholder(el) && !this.droppable.has(el))) this.unwatch(el);
    for (const el of this.droppable) this.watch(el);
  }

  private onEntries(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const el = entry.target as HTMLElement;
      if (!el.isConnected) continue;
      if (isPlaceholder(el)) {
        if (entry.isIntersecting) this.restore(el);
      } else if (!entry.isIntersecting && this.mayDrop(el, entry)) this.drop(el, entry.boundingClientRect.height);
    }
  }

  /** A hidden view measures nothing (its root has no size): dropping then would lose every height. */
  private mayDrop(el: HTMLElement, entry: IntersectionObserverEntry): boolean {
    return (
      this.droppable.has(el) &&
      !!entry.rootBounds?.height &&
      entry.boundingClientRect.height > 0 &&
      !el.contains(el.ownerDocument.activeElement)
    );
  }

  private drop(el: HTMLElement, height: number): void {
    const id = el.dataset.id;
    if (!id) return;
    // The same height, so nothing after it moves; empty and hidden from screen readers, whose
    // reading order is then the drawn turns, in order.
    const placeholder = h('div', {
      class: 'message-placeholder',
      'data-testid': 'message-placeholder',
      'data-id': id,
      'aria-hidden': 'true',
    });
    placeholder.style.height = `${height}px`;
    this.unwatch(el);
    this.swap(el, placeholder);
    this.opts.dropped(id, placeholder);
    this.watch(placeholder);
  }

  private restore(placeholder: HTMLElement): void {
    const el = this.opts.redraw(placeholder.dataset.id ?? '');
    this.unwatch(placeholder);
    if (!el) return placeholder.remove();
    // Until it is laid out (settled turns skip layout off screen), the turn takes the height it had.
    el.style.containIntrinsicBlockSize = `auto ${placeholder.style.height}`;
    if (this.swap(placeholder, el)) this.watch(el);
  }

  /** Puts `next` in `prev`'s place, in the log and in the droppable set; says if it may be dropped. */
  private swap(prev: HTMLElement, next: HTMLElement): boolean {
    prev.replaceWith(next);
    if (!this.droppable.delete(prev)) return false;
    this.droppable.add(next);
    return true;
  }

  private watch(el: Element): void {
    if (this.observed.has(el)) return;
    this.observed.add(el);
    this.observer.observe(el);
  }

  private unwatch(el: Element): void {
    this.observed.delete(el);
    this.observer.unobserve(el);
  }
}

/** What the chat holds for a dropped turn: its placeholder, and nothing to update. */
export function farView(placeholder: HTMLElement): TurnView {
  return { element: placeholder, body: placeholder, far: true, setText() {}, setStatus() {}, takeStreamedBody: () => undefined };
}

function isPlaceholder(el: Element): boolean {
  return el.classList.contains('message-placeholder');
}
