// Prompt-cache affinity: a conversation keeps its endpoint so the provider's prompt cache stays warm.

interface Entry {
  key: string;
  canonicalModel: string;
  at: number;
}

/**
 * conversationId → last endpoint. Entries expire after `ttlMs` (OpenRouter keeps a session
 * about 10 minutes; Anthropic's default cache lives 5 minutes, refreshed on each hit), and the
 * map is bounded so a long editor session cannot grow it without limit.
 */
export class AffinityTable {
  private readonly map = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly maxEntries = 1000,
  ) {}

  /** The endpoint key a conversation should stay on, if fresh. */
  get(conversationId: string, now: number): { key: string; canonicalModel: string } | undefined {
    const e = this.map.get(conversationId);
    if (!e) return undefined;
    if (now - e.at > this.ttlMs) {
      this.map.delete(conversationId);
      return undefined;
    }
    return e;
  }

  /** Records the endpoint that served the conversation's latest turn. */
  set(conversationId: string, key: string, canonicalModel: string, now: number): void {
    this.map.delete(conversationId);
    this.map.set(conversationId, { key, canonicalModel, at: now });
    if (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }
}
