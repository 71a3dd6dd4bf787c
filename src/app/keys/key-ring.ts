// One key ring for every provider. Keys live only in the SecretStore (VS Code SecretStorage);
// environment variables are read, never copied, and only when the user opted in.
// Pure TypeScript (no vscode import) so it is tested in Node.
import type { SecretStore } from '../../core/platform';
import { redactSecrets } from '../../core/errors';
import type { ProviderDescriptor } from '../../core/providers/descriptor';

/** SecretStorage key of a provider's API key (a cross-team contract). */
export function secretKeyFor(providerId: string): string {
  return `switchboard.key.${providerId}`;
}

/** Where a provider's key comes from, for display (never the key itself). */
export type KeySource = 'secret-storage' | 'environment' | 'none' | 'not-needed';

/** Options the key ring reads on every lookup so a settings change applies at once. */
interface KeyRingOptions {
  keysFromEnvironment(): boolean;
  env?: Readonly<Record<string, string | undefined>>;
  /** Where a rejected environment key is reported (never with the value). */
  warn?: (message: string) => void;
}

/**
 * Shortest key accepted from the key prompt or the environment. No provider issues shorter
 * keys, and every key handed out is scrubbed from text wherever it appears: a placeholder such
 * as `OPENAI_API_KEY=test` would otherwise turn every "test" in logs and errors into `[redacted]`.
 */
const MIN_KEY_LENGTH = 8;

/** Resolves, stores and forgets API keys, and remembers every value it saw for redaction. */
export class KeyRing {
  private readonly seen = new Set<string>();
  private readonly warnedEnv = new Set<string>();
  private readonly listeners = new Set<(providerId: string) => void>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly options: KeyRingOptions,
  ) {}

  /** The key to call a provider with: stored key first, then its env variable when opted in. */
  async get(descriptor: Pick<ProviderDescriptor, 'id' | 'envKey'>): Promise<string | undefined> {
    const stored = await this.secrets.get(secretKeyFor(descriptor.id));
    if (stored) return this.remember(stored);
    const fromEnv = this.envKey(descriptor);
    return fromEnv ? this.remember(fromEnv) : undefined;
  }

  /** Where the key for a provider would come from. */
  async sourceOf(descriptor: Pick<ProviderDescriptor, 'id' | 'envKey' | 'keyRequired'>): Promise<KeySource> {
    if (await this.secrets.get(secretKeyFor(descriptor.id))) return 'secret-storage';
    if (this.envKey(descriptor)) return 'environment';
    return descriptor.keyRequired ? 'none' : 'not-needed';
  }

  /** Stores a key after trimming the whitespace a paste often brings along. */
  async set(providerId: string, key: string): Promise<void> {
    const clean = key.trim();
    if (!clean) throw new Error('An empty key cannot be stored.');
    this.remember(clean);
    await this.secrets.store(secretKeyFor(providerId), clean);
    this.fire(providerId);
  }

  /** Forgets a stored key (environment keys stay where the user put them). */
  async remove(providerId: string): Promise<void> {
    await this.secrets.delete(secretKeyFor(providerId));
    this.fire(providerId);
  }

  /** Whether any of the providers has a usable key (or needs none). */
  async anyUsable(descriptors: readonly Pick<ProviderDescriptor, 'id' | 'envKey' | 'keyRequired'>[]): Promise<boolean> {
    for (const d of descriptors) {
      const s = await this.sourceOf(d);
      if (s === 'secret-storage' || s === 'environment') return true;
    }
    return false;
  }

  /** Every key value this ring has handed out or stored, for `redactSecrets`. */
  knownValues(): string[] {
    return [...this.seen];
  }

  /** Text safe to show or log: generic secret patterns and every known key removed. */
  redact(text: string): string {
    return redactSecrets(text, this.knownValues());
  }

  /** Called with the provider id whenever a key is stored or removed through this ring. */
  onDidChange(listener: (providerId: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Tells listeners a key changed elsewhere (another window, via SecretStorage's change event). */
  notifyExternalChange(providerId: string): void {
    this.fire(providerId);
  }

  private envKey(d: Pick<ProviderDescriptor, 'envKey'>): string | undefined {
    if (!d.envKey || !this.options.keysFromEnvironment()) return undefined;
    const v = (this.options.env ?? process.env)[d.envKey]?.trim();
    if (!v) return undefined;
    if (v.length < MIN_KEY_LENGTH) {
      // Once per variable: lookups run on every request. The length alone says enough.
      if (!this.warnedEnv.has(d.envKey)) {
        this.warnedEnv.add(d.envKey);
        this.options.warn?.(`Ignoring ${d.envKey}: it is shorter than ${MIN_KEY_LENGTH} characters, so it cannot be an API key.`);
      }
      return undefined;
    }
    return v;
  }

  private remember(key: string): string {
    this.seen.add(key);
    return key;
  }

  private fire(providerId: string): void {
    for (const l of this.listeners) l(providerId);
  }
}

/** Quick shape checks before a test call; the models-list call is the real validation. */
export function validateKeyShape(key: string): string | undefined {
  const k = key.trim();
  if (!k) return 'Paste the API key.';
  if (/\s/.test(k)) return 'A key has no spaces or line breaks inside it.';
  if (k.length < MIN_KEY_LENGTH) return 'That is too short to be an API key.';
  if (/^https?:\/\//i.test(k)) return 'That looks like a URL, not a key. Base URLs go in the switchboard.providers setting.';
  return undefined;
}
