// Keys for the headless gateway: from the environment only, never stored. A provider's own
// variable (`OPENAI_API_KEY`, …) or `SWITCHBOARD_KEY_<PROVIDER_ID>`, which also serves custom providers.
import type { KeySource } from '../../core/engine';
import { redactSecrets } from '../../core/errors';
import type { ProviderDescriptor } from '../../core/providers/descriptor';

/** Shortest value taken as a key; shorter ones are placeholders (the editor's key ring uses the same bound). */
const MIN_KEY_LENGTH = 8;

/** `SWITCHBOARD_KEY_MY_PROXY` for provider id `my-proxy`. */
export function switchboardKeyVar(providerId: string): string {
  return `SWITCHBOARD_KEY_${providerId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Reads keys from an environment; remembers the values it handed out so they can be redacted. */
export class EnvKeySource implements KeySource {
  private readonly seen = new Set<string>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  async get(d: Pick<ProviderDescriptor, 'id' | 'envKey'>): Promise<string | undefined> {
    for (const name of [switchboardKeyVar(d.id), d.envKey]) {
      if (!name) continue;
      const v = this.env[name]?.trim();
      if (!v) continue;
      if (v.length < MIN_KEY_LENGTH) {
        if (!this.warned.has(name))
          this.warn(`Ignoring ${name}: it is shorter than ${MIN_KEY_LENGTH} characters, so it cannot be an API key.`);
        this.warned.add(name);
        continue;
      }
      this.seen.add(v);
      return v;
    }
    return undefined;
  }

  redact(text: string): string {
    return redactSecrets(text, [...this.seen]);
  }
}
