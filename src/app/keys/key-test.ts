// Tests a provider key by listing the provider's models. Pure (no vscode import), unit-tested.
import { adviceFor, ProviderError } from '../../core/errors';
import type { HttpTransport } from '../../core/http/client';
import type { ProviderDescriptor } from '../../core/providers/descriptor';
import type { ProviderRegistry } from '../../core/providers/registry';
import type { KeyRing } from './key-ring';

/** Outcome of a key test. Messages are redacted: they never contain key text. */
export type KeyTestResult = { ok: true; models: number } | { ok: false; message: string; category?: string };

/** What a key test needs. */
interface KeyTestDeps {
  keys: Pick<KeyRing, 'get' | 'redact'>;
  registry(): Pick<ProviderRegistry, 'adapterFor'>;
  http(): HttpTransport;
}

/** Lists the provider's models with its current key; never throws. */
export async function testProviderKey(deps: KeyTestDeps, d: ProviderDescriptor, signal?: AbortSignal): Promise<KeyTestResult> {
  const apiKey = await deps.keys.get(d);
  if (!apiKey && d.keyRequired) return { ok: false, message: `No key is set for ${d.displayName}.`, category: 'auth' };
  try {
    const models = await deps.registry().adapterFor(d.family).listModels({ descriptor: d, http: deps.http(), apiKey }, signal);
    return { ok: true, models: models.length };
  } catch (e) {
    if (e instanceof ProviderError) {
      return { ok: false, category: e.category, message: deps.keys.redact(`${e.message} ${adviceFor(e.category, d.displayName)}`) };
    }
    return { ok: false, message: deps.keys.redact(`Could not test the key: ${e instanceof Error ? e.message : String(e)}`) };
  }
}
