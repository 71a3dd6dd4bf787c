// Endpoints synthesized for pinned ids the index does not list (`openai:gpt-5-2025-08-07`). Making
// one matches the id against a vendor's whole price table; a client that pins such an id sends it
// on every request, so each is made once per index and price book, until its price may change.
import type { CatalogIndex } from './catalog-index';
import type { PriceBook } from './genai-source';
import type { Endpoint } from './types';

/** Ids remembered at most: clients choose them, so their number is theirs to grow. */
const MAX_IDS = 1_000;

/** An endpoint and the instant from which its price may differ. */
export interface MadeEndpoint {
  endpoint: Endpoint;
  validUntil: number;
}

/** Synthesized endpoints of one index and price book. */
export class PinnedMemo {
  private index?: CatalogIndex;
  private prices?: PriceBook;
  private readonly byKey = new Map<string, MadeEndpoint>();

  get(index: CatalogIndex, prices: PriceBook, key: string, now: number, make: () => MadeEndpoint): Endpoint {
    if (index !== this.index || prices !== this.prices || this.byKey.size >= MAX_IDS) {
      this.index = index;
      this.prices = prices;
      this.byKey.clear();
    }
    const kept = this.byKey.get(key);
    if (kept && now < kept.validUntil) return kept.endpoint;
    const made = make();
    this.byKey.set(key, made);
    return made.endpoint;
  }
}
