// Which providers exist for this user: presets, base-URL overrides and custom endpoints.
import type { ProviderDescriptor, ProtocolAdapter, ProtocolFamily } from './descriptor';

/** A user's base-URL override or enable flag for a preset (the `switchboard.providers` setting). */
export interface ProviderOverride {
  enabled?: boolean;
  baseUrl?: string;
}

/** Resolves provider ids to descriptors and protocol families to adapters. */
export class ProviderRegistry {
  private readonly byId = new Map<string, ProviderDescriptor>();

  constructor(
    descriptors: readonly ProviderDescriptor[],
    private readonly adapters: Readonly<Record<ProtocolFamily, ProtocolAdapter>>,
  ) {
    for (const d of descriptors) this.byId.set(d.id, d);
  }

  /** A new registry with overrides applied; disabled providers are dropped. Custom ones replace presets of the same id. */
  withOverrides(overrides: Record<string, ProviderOverride>, custom: readonly ProviderDescriptor[] = []): ProviderRegistry {
    const out: ProviderDescriptor[] = [];
    for (const d of [...this.byId.values(), ...custom]) {
      const o = overrides[d.id];
      if (o?.enabled === false) continue;
      out.push(o?.baseUrl ? { ...d, baseUrl: o.baseUrl } : d);
    }
    const dedup = new Map(out.map((d) => [d.id, d]));
    return new ProviderRegistry([...dedup.values()], this.adapters);
  }

  /** Every enabled provider. */
  list(): ProviderDescriptor[] {
    return [...this.byId.values()];
  }

  /** The descriptor for an id, if enabled. */
  get(id: string): ProviderDescriptor | undefined {
    return this.byId.get(id);
  }

  /** The adapter speaking a family's protocol. */
  adapterFor(family: ProtocolFamily): ProtocolAdapter {
    return this.adapters[family];
  }
}
